/**
 * Yes / no / don't know, in Italian and English. Italian is not covered by @microsoft/recognizers-text-suite, so
 * both languages use our own phrase lists (negation-aware: "non è vero" is no, "non lo so" is don't know, not no);
 * English falls back on the suite's recogniser for phrasings we did not list.
 */
import { ChoiceRecognizer, Culture, EnglishBooleanExtractorConfiguration } from '@microsoft/recognizers-text-choice';
import { foldAccents, normalize } from './normalize';
import type { Lang, YesNoAnswer } from './types';

interface Signal {
  re: RegExp;
  value: YesNoAnswer;
  /**
   * A phrase that says yes with a negation in it ("no problem", "non ho nulla in contrario", "لا بأس", "я не проти"):
   * it decides the answer over a bare "no" beside it ("no, no hay problema" is yes).
   */
  decides?: boolean;
}

const IT_SIGNALS: Signal[] = [
  {
    value: 'unknown',
    re: /\b(non (lo |ne |te lo )?so( dire)?|non saprei( dire)?|non lo sapevo|bo+h?|bho|bhoo|mah+|boh+|forse( si| no)?|non (ne )?sono (tanto |molto |proprio |del tutto |ancora )?(sicur[oaie]|cert[oaie]|convint[oaie])|non sicur[oa]|non ricordo|non mi ricordo|non (ne )?ho (la (piu )?(minima|pallida) |nessuna )?idea|chissa|dipende|puo darsi|si e no|ni|incert[oa]|non (lo )?sappiamo|vedremo|ci devo pensare|ci penso|devo pensarci|non ne ho idea|sono in dubbio|non saprei proprio|(e )?difficile (dirlo|da dire|a dirsi|dire)|chi lo sa|non saprei cosa dire|si vedra|staremo a vedere)\b/g,
  },
  {
    value: false,
    re: /\b((sicuramente|certamente|assolutamente|decisamente|ovviamente|proprio|purtroppo|direi proprio) no|assolutamente no|certo che no|ma no|proprio no|direi di no|credo di no|penso di no|spero di no|temo di no|ancora no|per ora no|non ancora|no+|nono+|no no|nope|macche|ma quando mai|per niente|per nulla|niente affatto|affatto|neanche per (sogno|idea)|nemmeno per (sogno|idea)|manco per (niente|idea|sogno)|mai|negativo|non proprio|non esattamente|non direi|non credo|non penso|non mi pare|non mi sembra|non e (vero|cosi|corretto|giusto|esatto|proprio cosi)|non va bene|non sono d ?accordo|non confermo|non e ok|non ok|sbagliato|errato|falso|non e il caso|non mi interessa|non (lo )?voglio|non (do il |do |presto il |dare il )?(acconsento|consenso)|non accetto|rifiuto|nemmeno|neanche|nessuna|nessuno|mica( tanto)?|non (del )?tutto|non tanto|non molto|non proprio cosi|non mi risulta|che io sappia no|(preferisco|preferirei|meglio) (di )?no|preferirei non|preferisco non|non ci tengo)\b/g,
  },
  {
    value: true,
    re: /\b(s[iì]+|sisi+|si si|certo( che si)?|ma certo|certamente|certissimo|esatto|esattamente|esattissimo|va (bene|benissimo)|ok+|okay|okey|okei|oki|d ?accordo|confermo|confermato|confermata|giusto|giustissimo|assolutamente( si)?|corretto|perfetto|volentieri|sicuro|sicuramente|ovvio|ovviamente|naturalmente|proprio cosi|e cosi|e vero|vero|verissimo|yes|yep|yeah|eccome|affermativo|benissimo|bene|ci sto|precisamente|infatti|gia|senz altro|senza dubbio|direi di si|credo di si|penso di si|spero di si|come no|perche no|accetto|procedi|procediamo|andiamo|certo certo|nessun problema|non c e problema|no problem|altroche)\b/g,
  },
];

const EN_SIGNALS: Signal[] = [
  {
    value: 'unknown',
    re: /\b((i )?(don t|do not|dont|didn t|did not) know|not (really |quite |entirely |too |so |100 )?sure|unsure|no idea|maybe|perhaps|dunno|idk|not certain|uncertain|can t say|cannot say|hard to say|no clue|not a clue|possibly|it depends|depends|who knows|can t remember|cannot remember|don t remember|do not remember|i forget|not that i know|difficult to say|hard to tell|beats me|who can say)\b/g,
  },
  {
    value: false,
    re: /\b(probably not|unfortunately not|i guess not|i hope not|of course not|absolutely not|definitely not|certainly not|not really|not at all|no way|not quite|not exactly|not yet|not true|not correct|not right|i (don t|dont) think so|i do not think so|(don t|dont) think so|i disagree|i (don t|dont|do not) (agree|accept|consent|confirm|want( to| that)?)|i refuse|no thanks|no thank you|(i d|i would|i) rather not|rather not|(i d|i would) prefer not( to)?|i prefer not( to)?|no+|nope|nah|naw|never|negative|wrong|incorrect|false|none|nothing|nothing like that)\b/g,
  },
  {
    value: true,
    re: /\b(yes+|yeah|yea|yep|yup|ya|y|sure|surely|of course|absolutely|definitely|certainly|correct|right(?! now)|that s right|exactly|indeed|ok+|okay|k|(that s |it s |that is |it is )?fine( thanks| by me)?|alright|all right|true|agreed|i agree|sounds good|go ahead|please do|affirmative|confirm|confirmed|totally|why not|no problem|no worries|good|great|perfect|i guess so|i think so|i believe so|probably|unfortunately yes|i hope so)\b/g,
  },
];

/** A signal whose words are matched whole in any script (`\b` knows only ASCII letters). */
function words(value: YesNoAnswer, ...alternatives: string[]): Signal {
  // folded as the text is ("й" is "и" once its mark is gone, "ى" is "ي")
  return { value, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${foldAccents(alternatives.join('|'))})(?![\\p{L}\\p{N}])`, 'gu') };
}

/** A yes said through a negation ("no problem", "I don't mind"): see Signal.decides. */
function noObjection(...alternatives: string[]): Signal {
  return { ...words(true, ...alternatives), decides: true };
}

/**
 * "No problem", "no objection", "I don't mind" in the eight languages: a yes, though it opens on a negator (they
 * were read as "no" by the negator, or not at all).
 */
const NO_OBJECTION: Readonly<Record<Lang, Signal>> = {
  it: noObjection('nessun(issimo)? problema', 'non c e (nessun |alcun )?problema', 'non e (un |affatto un )?problema', 'non (ho|abbiamo) (nulla|niente|niente di niente) in contrario', '(nulla|niente) in contrario', 'non mi (dispiace|disturba)', 'figurati'),
  en: noObjection('no problem( at all)?', 'not a problem', '(that s|that is|it s|it is) no problem', 'no problems', 'no objections?', 'i (have|ve got) no objections?', '(i )?(don t|do not) mind( at all)?', 'fine by me'),
  es: noObjection('no hay (ningun |ningún )?problema', 'sin (ningun )?problemas?', 'ningun problema', 'no (hay|tengo|tenemos) (ningun )?inconveniente', 'ningun inconveniente', 'no hay drama', 'no pasa nada', 'no me (importa|molesta)', 'no es (ningun |un )?problema'),
  fr: noObjection('(il )?(n )?y a pas de (probleme|souci|soucis)', 'aucun (probleme|souci)', 'sans (probleme|souci)s?', 'pas de (probleme|souci|soucis)', '(ca|cela) ne me (derange|gene) pas', 'je n y vois (pas|aucun) d? ?inconvenient', 'ce n est pas un probleme', '(ca|cela) ne (me )?pose (pas de|aucun) probleme'),
  ro: noObjection('nicio problema', 'nici o problema', 'nu (e|este|i) (nicio |nici o )?problema', 'fara probleme?', 'n am nimic impotriva', 'nu am nimic impotriva', 'nu ma deranjeaza'),
  sq: noObjection('s ka (asnje )?problem', 'nuk ka (asnje )?problem', 'pa problem', 'asnje problem', 'aspak problem', 's kam (asgje|gje) kunder', 'nuk kam (asgje|gje) kunder', 'nuk me pengon'),
  uk: noObjection('без проблем', 'нема (ніяких )?проблем', 'немає (ніяких )?проблем', 'не проблема', '(я )?не проти', '(я )?не заперечую', 'нічого не маю проти', 'без питань'),
  ar: noObjection('لا باس', 'لا مشكله', 'لا مانع', 'ما (في|فيش|فيه|كاين|كاينش) (اي )?مشكل(ه)?', 'مافي مشكل(ه)?', 'مفيش مشكل(ه)?', 'ماكاينش مشكل(ه)?', 'مكاينش مشكل(ه)?', 'مو مشكل(ه)?', 'ماشي مشكل(ه)?', '(ما|مو) (عندي|عنديش) (اي )?(مانع|مشكل|مشكله)', 'معنديش (مانع|مشكل|مشكله)', 'ليس لدي (اي )?(مانع|مشكله)', 'ولا يهمك'),
};

/**
 * The six newer languages, folded like the text (no accents, Arabic letter forms unified): "don't know" before "no"
 * before "yes", as above, so "nu stiu" is not "nu".
 */
const OTHER_SIGNALS: Readonly<Record<Exclude<Lang, 'it' | 'en'>, Signal[]>> = {
  ro: [
    words('unknown', 'nu (mai |prea |chiar )?stiu( sigur| exact| ce sa (zic|spun))?', 'n am (nicio )?idee', 'nu am (nicio )?idee', 'nu sunt sigur[a]?', 'nu stiu sigur', 'poate', 'poate da poate nu', 'habar n am', 'habar nu am', 'nu e clar', 'nu este clar', 'nu imi amintesc', 'nu mai tin minte', 'depinde', 'greu de (spus|zis)', 'e greu de (spus|zis)', 'nu pot (sa )?(spun|zic)', 'cine stie', 'nu ma pronunt'),
    words(false, 'nu', 'nu nu', 'deloc', 'nici vorba', 'nici gand', 'nici pomeneala', 'in niciun caz', 'nicidecum', 'nu (vreau|doresc|vrem)', 'n as vrea', 'nu as vrea', '(as )?prefera (sa )?nu', 'prefer (sa )?nu', 'mai bine nu', 'nu multumesc', 'nu mersi', 'ba nu', 'n as (zice|spune)', 'nu as (zice|spune)', 'nu (cred|prea cred)', 'sigur ca nu', 'bineinteles ca nu', 'normal ca nu', 'absolut nu', 'nu (chiar|prea|tocmai|neaparat|exact)', 'inca nu', 'nu e adevarat', 'nu sunt de acord', 'nu accept', 'nu (imi )?dau (acordul|consimtamantul)', 'refuz', 'niciodata'),
    words(true, 'da', 'da da', 'sigur', 'sigur ca da', 'absolut( da)?', 'cu siguranta', 'cum sa nu', 'de ce nu', 'da de ce nu', 'fireste', 'cu placere', 'merge', 'normal ca da', 'clar', 'sigur ca', 'aha', 'mhm', 'mda', 'desigur', 'bineinteles', 'exact', 'corect', 'ok', 'okay', 'bine', 'de acord', 'sunt de acord', 'accept', '(imi )?dau (acordul|consimtamantul)', 'confirm', 'evident', 'normal'),
  ],
  es: [
    words('unknown', 'no (lo )?se( bien| muy bien)?', 'no sabria( que)?( decir| decirte| decirle| responder)?', 'no tengo (ni )?idea', 'no estoy segur[oa]', 'quizas', 'quiza', 'tal vez', 'a lo mejor', 'puede ser', 'capaz', 'ni idea', 'no me acuerdo', 'no recuerdo', 'depende', '(es )?dificil (de )?decir', '(es )?dificil (de )?saber', 'quien sabe', 'vaya uno a saber', 'sabe dios', 'no te sabria decir'),
    words(false, 'no', 'no no', 'nop', 'nel', 'nel pastel', 'nones', 'para nada', 'ni loco', 'ni loca', 'ni hablar', 'ni de broma', 'no (quiero|queremos|gracias|me interesa)', '(prefiero|preferiria) (que )?no', 'mejor no', 'casi que no', '(claro|seguro|por supuesto|obvio) que no', 'de ninguna manera', 'no (del todo|mucho|realmente|exactamente|tanto)', 'todavia no', 'aun no', 'nunca', 'no es verdad', 'no estoy de acuerdo', 'no acepto', 'no doy (mi )?consentimiento', 'rechazo', 'negativo'),
    words(true, 'si', 'si si', 'sip', 'simon', 'claro( que si)?', 'por que no', 'como no', 'orale', 'andale', 'obvio', 'seguro', 'de una', 'con gusto', 'listo', 'por supuesto que si', 'bueno si', 'por supuesto', 'desde luego', 'exacto', 'exactamente', 'correcto', 'vale', 'ok', 'okay', 'de acuerdo', 'acepto', 'doy (mi )?consentimiento', 'confirmo', 'bien', 'cierto', 'efectivamente', 'dale'),
  ],
  fr: [
    words('unknown', 'je (ne )?sais pas( trop| vraiment)?', 'j sais pas', 'sais pas', 'chais pas', 'chai pas', 'jsp', 'j en sais rien', 'j en ai aucune idee', 'je ne saurais (pas )?(dire|te dire|vous dire)', '(c est )?difficile a dire', '(c est )?dur a dire', 'qui sait', 'pas la moindre idee', 'je sais plus', 'je ne sais plus', 'je ne suis pas sur[e]?', 'pas sur[e]?', 'peut etre', 'aucune idee', 'je ne me souviens pas', 'ca depend', 'depend'),
    words(false, 'non', 'non non', 'non merci', 'nan', 'nope', 'pas du tout', 'pas question', 'hors de question', 'surtout pas', 'plutot pas', 'je (ne )?(veux|voudrais|souhaite) pas', 'veux pas', 'je (ne )?prefere(rais)? pas', 'prefere(rais)? pas', 'pas envie', 'je n ai pas envie', 'certainement pas', 'je (ne )?(pense|crois) pas', '(pense|crois) pas', 'absolument pas', 'pas (vraiment|trop|tellement|exactement|tout a fait|d accord)', 'pas encore', 'jamais', 'pas vrai', 'ce n est pas vrai', 'je ne suis pas d accord', 'je refuse', 'je n accepte pas', 'j accepte pas', 'nan'),
    words(true, 'oui', 'oui oui', 'ouais', 'ouai', 'ouep', 'pourquoi pas', 'evidemment', 'bien entendu', 'avec plaisir', 'ca marche', 'ca roule', 'pas de (souci|soucis|probleme)', 'vas y', 'allez', 'allons y', 'je veux bien', 'bien sur que oui', 'oui bien sur', 'ok pour moi', 'bien sur', 'certainement', 'exactement', 'exact', 'tout a fait', 'correct', 'd accord', 'ok', 'okay', 'j accepte', 'je confirme', 'absolument', 'c est ca', 'volontiers', 'bien', 'carrement'),
  ],
  sq: [
    words('unknown', 'nuk (e )?di( sakt| sakte| mire| hic)?', 'nuk po e di', 's e di', 's di', 'nuk e dij', 'kush e di', 'nuk (kam|kom) ide', 's (kam|kom) ide', 'nuk e kam idene', '(eshte )?veshtire (te|me) (them|thuhet|thene|thone)', '(eshte )?e veshtire (te|me) (them|thuhet)', 'nuk mund ta them', 'nuk jam i sigurt', 'nuk jam e sigurt', 'ndoshta', 'mbase', 'nuk e mbaj mend', 'varet'),
    words(false, 'jo', 'jo jo', 'aspak', 'as qe', 'kurrsesi', 'hic', 'jo faleminderit', 'jo mor', '(nuk|s) (besoj|mendoj|kujtoj)', 'jo more', '(nuk|s) (dua|du|due|duam|deshiroj)', 'me mire jo', 'preferoj (qe )?jo', 'do te preferoja (qe )?jo', 'jo mo', 'asnjehere', 'jo (vertet|plotesisht|shume|tamam|krejt)', 'kurre', 'ende jo', 'akoma jo', 'nuk eshte e vertete', 'nuk pranoj', 'nuk jam dakord', 'nuk jap pelqimin', 'refuzoj'),
    words(true, 'po', 'po po', 'po de', 'sigurisht', 'pse jo', 'po pse jo', 'qysh jo', 'po qysh jo', 'si jo', 'natyrisht', 'me kenaqesi', 'ani', 'mire po', 'dakort', 'po po sigurisht', 'gjithsesi', 'patjeter', 'pikerisht', 'sakt[e]?', 'e sakte', 'ne rregull', 'mire', 'ok', 'okay', 'dakord', 'jam dakord', 'pranoj', 'jap pelqimin', 'konfirmoj', 'normalisht', 'vertet'),
  ],
  uk: [
    words('unknown', 'так собі', 'не знаю( точно| навіть)?', 'не знаю що (сказати|відповісти)', 'без поняття', 'поняття не маю', 'не маю (поняття|уявлення|ідеї)', 'хто (його |ж )?(зна|знає)', 'хтозна', 'бог (його )?зна(є)?', 'важко (сказати|відповісти)', 'складно (сказати|відповісти)', 'не можу (сказати|відповісти)', 'не впевнен[аи]?и?', 'можливо', 'мабуть', 'може бути', 'не пам ятаю', 'не пам\'ятаю', 'залежить', 'хз', 'без понятия', 'не уверен[а]?'),
    words(false, 'да ні', 'да нет', 'та нет', 'ні', 'нi', 'ні ні', 'нет', 'нє', 'не а', 'неа', 'ніт', 'та ні', 'ні дякую', 'не (хочу|хочемо|бажаю|треба|потрібно|буду)', 'краще ні', 'краще не (треба|варто)', 'в жодному разі', 'ні в якому разі', 'навряд( чи)?', 'аж ніяк', 'зовсім ні', 'не (зовсім|дуже|точно|цілком|справді)', 'ще ні', 'ніколи', 'не так', 'неправда', 'не згоден', 'не згодна', 'не погоджуюсь', 'не погоджуюся', 'не даю згоди', 'відмовляюсь', 'відмовляюся'),
    words(true, 'так', 'так так', 'ага', 'давайте', 'давай', 'чому (б )?(і |й )?ні', 'чом (би |б )?(й |і )?ні', 'чого (б )?(і |й )?ні', 'канєшно', 'конєшно', 'конечно', 'можна', 'залюбки', 'охоче', 'та так', 'норм', 'звичайно що так', 'угу', 'да', 'звичайно', 'звісно', 'авжеж', 'точно', 'саме так', 'правильно', 'добре', 'гаразд', 'ок', 'окей', 'ok', 'згоден', 'згодна', 'погоджуюсь', 'погоджуюся', 'даю згоду', 'підтверджую', 'безумовно'),
  ],
  ar: [
    words('unknown', 'لا اعرف', 'ما اعرف', 'ما (عرفت|عرفتش|نعرف|نعرفش|بعرف|بعرفش|بعرفش|اعرفش)', 'ماعرفتش', 'مانعرفش', 'منعرفش', 'مابعرف', 'بعرفش', 'مدري', 'ما ادري', 'مش عارفه', 'مش عارفين', '(من )?(الصعب|صعب) (ان )?(اقول|نقول|القول|احدد|اجاوب|نجاوب)', 'صعيب (نقول|نجاوب)', 'ما متاكدش', 'ماشي متاكد', 'مش متاكده', 'والله ما (عرفت|نعرف|بعرف)', 'علم الله', 'ما عنديش فكره', 'ما عندي فكره', 'ليس لدي فكره', 'معنديش فكره', 'مش عارف اقول', 'لا علم لي', 'ما (عارف|عارفه|عارفش)', 'والله ما عارف', 'مش عارف', 'معرفش', 'ماعرفش', 'لست متاكد[اه]?', 'مش متاكد', 'ربما', 'يمكن', 'ممكن', 'لا ادري', 'الله اعلم', 'حسب'),
    words(false, 'لا', 'لا لا', 'لا ابدا', 'ابدا', 'اطلاقا', 'لا شكرا', 'ما (بغيت|بغيتش|بدي|بغيناش)', 'مابغيتش', 'ما بديش', 'مابدي', 'بديش', 'مش (عايز|عاوز|عايزه|عاوزه|حابب)', 'لا (اريد|ارغب|اود|نريد)', '(افضل|نفضل|احسن|الافضل)( ان)? (لا|الا|بلاش|بلا)', 'بلاش', 'خليها', 'والو', 'لا والله', '(ما|لا|مش) (اظن|اظنش|اعتقد|اعتقدش|نظن|نظنش|بظن|بعتقد|اعتقد ذلك)', 'مظنش', 'ماظنش', '(مش|ليس) (بالظبط|بالضبط|تماما|كتير|كثيرا)', 'مش', 'لسه لا', 'ليس بعد', 'غير صحيح', 'مش صحيح', 'ماشي (هكا|هكاك|هكذا|كذا|بحال هكا|هادشي|هاد الشي)', 'لا اوافق', 'مش موافق', 'ارفض', 'كلا'),
    words(true, 'نعم', 'ايوه', 'ايوا', 'اه', 'ايه', 'اييه', 'اوه', 'ليش لا', 'ليه لا', 'علاش لا', 'لم لا', 'لما لا', 'يالله', 'يلا', 'اوك', 'بكل سرور', 'من عيوني', 'بالطبع', 'مزيان', 'زوين', 'اه والله', 'واخا', 'ماشي الحال', 'اكيد طبعا', 'اجل', 'بلي', 'طبعا', 'بالتاكيد', 'اكيد', 'تمام', 'صحيح', 'صح', 'مظبوط', 'حسنا', 'موافق', 'اوافق', 'اوكي', 'ok', 'واخا', 'انشاء الله', 'ان شاء الله', 'اكيد'),
  ],
};

/** Words that may stand around an answer without changing it ("beh, sì grazie"). */
const FILLERS = new Set([
  'allora', 'beh', 'be', 'ehm', 'eh', 'ecco', 'guarda', 'senti', 'io', 'direi', 'grazie', 'mille', 'tante', 'davvero',
  'ma', 'pure', 'dunque', 'insomma', 'cioe', 'hmm', 'mmm', 'uhm', 'well', 'um', 'uh', 'oh', 'please', 'thanks', 'thank',
  'you', 'so', 'i', 'mean', 'think', 'guess', 'la', 'risposta', 'e', 'answer', 'is', 'the', 'my',
  // the newer languages' thanks and fillers
  'multumesc', 'mersi', 'gracias', 'pues', 'bueno', 'merci', 'ben', 'eh', 'faleminderit', 'faleminderes', 'дякую', 'ну', 'شكرا', 'يعني', 'والله',
]);

/** Following words that make "si" the impersonal pronoun, not "sì": "si tratta di...", "si chiama...". */
const IMPERSONAL_NEXT = new Set([
  'tratta', 'chiama', 'chiamava', 'trova', 'trovava', 'dice', 'parla', 'puo', 'deve', 'sa', 'vede', 'lavora', 'lavorava', 'occupa',
  // "si vedrà", "si spera", "si pensa", "si vocifera", "si prevedono esuberi": what is said, hoped or expected, not "sì"
  'vedra', 'vedeva', 'spera', 'sperava', 'pensa', 'pensava', 'crede', 'credeva', 'teme', 'temeva', 'vocifera', 'mormora', 'sapra', 'sapeva',
  'capira', 'decidera', 'valuta', 'sente', 'diceva', 'dicono', 'parlava', 'parlano', 'rischia', 'prevede', 'prevedono',
]);

/** The suite's boolean recogniser reads answers up to this many characters (six words). */
const SUITE_MAX_CHARS = 80;

/** Answers in the other language are accepted up to this many words ("yes please", "sì grazie"). */
const SHORT_ANSWER_WORDS = 3;

interface Hit {
  start: number;
  end: number;
  value: YesNoAnswer;
  decides?: boolean;
}

function collect(text: string, signals: Signal[]): Hit[] {
  const hits: Hit[] = [];
  for (const s of signals) {
    for (const m of text.matchAll(s.re)) {
      const start = m.index ?? 0;
      hits.push({ start, end: start + m[0].length, value: s.value, decides: s.decides });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // kept hits do not overlap and come in order, so the last one kept is the only one a later hit can overlap
  const kept: Hit[] = [];
  for (const h of hits) if (kept.length === 0 || h.start >= kept[kept.length - 1].end) kept.push(h);
  return kept;
}

function wordsOf(text: string): string[] {
  return text ? text.split(' ') : [];
}

/** The last `n` words of norm before `end`, without splitting everything before it (a long text has many hits). */
function wordsBefore(norm: string, end: number, n: number): string[] {
  let from = end;
  while (from > 0 && norm[from - 1] === ' ') from--;
  let start = from;
  for (let found = 0; found < n && start > 0; found++) {
    const space = norm.lastIndexOf(' ', start - 2);
    start = space + 1;
    if (space < 0) break;
  }
  return wordsOf(norm.slice(start, from).trim());
}

function isImpersonalSi(norm: string, raw: string, hit: Hit): boolean {
  if (norm.slice(hit.start, hit.end) !== 'si') return false;
  // an accented "sì"/"sí" or a "si" followed by punctuation is an answer
  if (/(^|[^\p{L}])s[ìí](?!\p{L})/iu.test(raw) || /\bsi\s*[,.!;:]/iu.test(raw)) return false;
  const next = wordsOf(norm.slice(hit.end).trim())[0];
  return next !== undefined && IMPERSONAL_NEXT.has(next);
}

function read(raw: string, norm: string, signals: Signal[], lang: Lang): YesNoAnswer | undefined {
  const hits = collect(norm, signals).filter((h) => !(lang === 'it' && isImpersonalSi(norm, raw, h)));
  if (hits.length === 0) return undefined;
  const words = wordsOf(norm);
  const resolved = hits.map((h) => {
    // a plain yes word right after a negator: "non certo", "not true" (explicit phrases already caught most)
    const before = wordsBefore(norm, h.start, 2);
    // (Moroccan "ماشي" before a word negates it: "ماشي مزيان" is "not good"; see DIALECT_AMBIGUOUS)
    const negated = h.value === true && !h.decides && before.some((w) => w === 'non' || w === 'not' || w === 't' || w === 'nu' || w === 'nuk' || w === 'не' || w === 'pas' || w === 'ماشي');
    return { ...h, value: negated ? (false as const) : h.value };
  });
  const first = resolved[0];
  const startWord = wordsOf(norm.slice(0, first.start).trim());
  const leading = startWord.every((w) => FILLERS.has(w));
  const last = resolved[resolved.length - 1];
  const trailing = norm.slice(last.end).trim() === '' || wordsOf(norm.slice(last.end).trim()).every((w) => FILLERS.has(w));
  // a long message that only mentions "vero" or "ok" in passing is not an answer
  if (!leading && !trailing && words.length > 6) return undefined;
  // "no, no hay problema", "non, aucun problème": the yes said through a negation is the answer
  if (resolved.some((h) => h.decides)) return true;
  const unknown = resolved.find((h) => h.value === 'unknown');
  if (unknown) {
    // "sì, ma non so quando" answers yes; "no, non lo so" and "boh, forse" do not know
    if (leading && first.value === true && unknown !== first) return true;
    return 'unknown';
  }
  return (leading ? first : trailing ? last : first).value;
}

/**
 * The suite's English yes/no model, built once. The suite's `recognizeBoolean` builds a new recognizer, and compiles
 * its patterns, on every call: a short message's yes/no reading (every free-text message goes through one, in the
 * pre-check trigger) cost more than the rest of its understanding. The model keeps nothing between calls, and this
 * is the same code (@microsoft/recognizers-text-choice, the version the suite bundles) giving the same results.
 */
let englishBoolean: ReturnType<ChoiceRecognizer['getBooleanModel']> | undefined;

function recognizeBoolean(text: string): ReturnType<ReturnType<ChoiceRecognizer['getBooleanModel']>['parse']> {
  if (!mayHoldSuiteBoolean(text)) return [];
  englishBoolean ??= new ChoiceRecognizer(Culture.English).getBooleanModel();
  return englishBoolean.parse(text);
}

/**
 * The model's own two expressions (its "true" and "false" words), tested as it tests them (on the lowercased text):
 * the model answers only where one of them matches. It splits the whole text into graphemes before looking, which is
 * most of its cost, and most short answers it reads ("Treviglio", "Fonderie Rossi srl") hold neither.
 */
let englishBooleanWords: RegExp[] | undefined;

function mayHoldSuiteBoolean(text: string): boolean {
  englishBooleanWords ??= ((config) => [config.regexTrue, config.regexFalse].map((re) => new RegExp(re.source, re.flags.replace('g', ''))))(new EnglishBooleanExtractorConfiguration());
  const lower = text.toLowerCase();
  return englishBooleanWords.some((re) => re.test(lower));
}

const IT_SIGNALS_ALL: Signal[] = [NO_OBJECTION.it, ...IT_SIGNALS];
const EN_SIGNALS_ALL: Signal[] = [NO_OBJECTION.en, ...EN_SIGNALS];
/** A newer language's own signals, its "no problem" first: built once, not on every reading. */
const OWN_SIGNALS_ALL: Readonly<Record<Exclude<Lang, 'it' | 'en'>, Signal[]>> = {
  es: [NO_OBJECTION.es, ...OTHER_SIGNALS.es],
  fr: [NO_OBJECTION.fr, ...OTHER_SIGNALS.fr],
  ro: [NO_OBJECTION.ro, ...OTHER_SIGNALS.ro],
  sq: [NO_OBJECTION.sq, ...OTHER_SIGNALS.sq],
  uk: [NO_OBJECTION.uk, ...OTHER_SIGNALS.uk],
  ar: [NO_OBJECTION.ar, ...OTHER_SIGNALS.ar],
};
/**
 * Every language's "no problem", each as a global expression (replace takes them all out; a global expression's
 * replace starts from the beginning whatever its lastIndex, so one shared copy serves every call).
 */
const NO_OBJECTION_EVERYWHERE: readonly RegExp[] = Object.values(NO_OBJECTION).map((signal) => new RegExp(signal.re.source, signal.re.flags.includes('g') ? signal.re.flags : `${signal.re.flags}g`));

function recognizeEnglish(text: string, norm: string): YesNoAnswer | undefined {
  const own = read(text, norm, EN_SIGNALS_ALL, 'en');
  if (own !== undefined) return own;
  const words = wordsOf(norm);
  // the suite reads short answers only (it is slow on long text, and a long text is no yes/no answer)
  if (words.length > 6 || norm.length > SUITE_MAX_CHARS) return undefined;
  const suite = recognizeBoolean(text).find((r) => typeof r.resolution?.value === 'boolean');
  if (!suite) return undefined;
  const value = suite.resolution.value as boolean;
  // "i don t agree": folded, "don't" is "don t"
  return value && /\b(not|never|t)\b/.test(norm) ? false : value;
}

/**
 * Words that answer opposite things in different dialects, read as neither unless the rest of the message decides:
 * Arabic "ماشي" standing alone is "OK" in Egyptian and "not" in Moroccan ("ماشي" -> ask again, "ماشي، تمام" -> yes,
 * "ماشي، لا" -> no); before a word it is the Moroccan negator ("ماشي مزيان" is "not good", "ماشي مشكل" is "no problem").
 * "ايه؟" with its question mark is the Egyptian "what?", not the Levantine "yes". Removed from the text before the
 * reading, so only the rest can answer.
 */
const DIALECT_AMBIGUOUS: ReadonlyArray<RegExp> = [
  /(?<![\p{L}\p{N}])[وف]?ماش[يى](?=\s*(?:[،,.!؟?;:…]|$))/gu,
  /(?<![\p{L}\p{N}])[اإأآ]ي[هة](?=\s*[؟?])/gu,
];

/** undefined when the text is not a yes/no/don't-know answer at all */
export function recognizeYesNo(text: string, lang: Lang): YesNoAnswer | undefined {
  if (/👍|👌|✅/u.test(text)) return true;
  if (/👎|❌/u.test(text)) return false;
  text = DIALECT_AMBIGUOUS.reduce((rest, re) => rest.replace(re, ' '), text);
  const norm = normalize(text);
  if (!norm) return undefined;
  // users mix languages ("yes" in Italian, "sì" in English): the other language is the fallback, for short
  // answers only, since words of one language are common words of the other ("fine" is Italian for "end")
  const short = norm.split(' ').length <= SHORT_ANSWER_WORDS;
  if (lang === 'en') return recognizeEnglish(text, norm) ?? (short ? read(text, norm, IT_SIGNALS_ALL, 'it') : undefined);
  if (lang === 'it') return read(text, norm, IT_SIGNALS_ALL, 'it') ?? (short ? recognizeEnglish(text, norm) : undefined);
  // a worker in another language may still answer "sì" or "ok" (short answers only, as above)
  return read(text, norm, OWN_SIGNALS_ALL[lang], lang) ?? (short ? (read(text, norm, IT_SIGNALS_ALL, 'it') ?? recognizeEnglish(text, norm)) : undefined);
}

/**
 * Is the message a yes, no or don't-know and nothing else ("sì", "perché no?", "sure, why not?", "ok grazie"): every
 * word of it one of the answer's own words or a filler, in its language or in Italian or English (workers mix them)?
 * "Come si aderisce?" and "è già scaduto?" are not: recognizeYesNo reads a short message whole and takes the
 * impersonal "si" or "già" in them for "sì", but the rest of their words ask something.
 */
export function isOnlyYesNo(text: string, lang: Lang): boolean {
  const norm = normalize(DIALECT_AMBIGUOUS.reduce((rest, re) => rest.replace(re, ' '), text.replace(/👍|👌|✅|👎|❌/gu, ' ')));
  if (!norm) return false;
  const own = lang === 'it' ? IT_SIGNALS_ALL : lang === 'en' ? EN_SIGNALS_ALL : OWN_SIGNALS_ALL[lang];
  const signals = lang === 'it' || lang === 'en' ? [...IT_SIGNALS_ALL, ...EN_SIGNALS_ALL] : [...own, ...IT_SIGNALS_ALL, ...EN_SIGNALS_ALL];
  const hits = collect(norm, signals).filter((h) => !isImpersonalSi(norm, text, h));
  if (hits.length === 0) return false;
  let rest = '';
  let at = 0;
  for (const h of hits) {
    rest += ` ${norm.slice(at, h.start)}`;
    at = h.end;
  }
  rest += ` ${norm.slice(at)}`;
  return wordsOf(rest.replace(/\s+/g, ' ').trim()).every((w) => FILLERS.has(w));
}

/**
 * Words that accept or acknowledge without asserting anything: "ok", "va bene", "d'accordo", "perfetto", "no
 * problem", in the eight languages (any language's, since workers mix them). They take an offer ("vuoi essere
 * ricontattato?" -> "ok") but do not answer a question of fact: after "gli accordi prevedono esuberi?" an "ok" is
 * the worker acknowledging the bot's last words, and reading it as "yes, redundancies" would change the outcome.
 */
const ACKNOWLEDGEMENTS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      // it
      'ok+', 'okay', 'okey', 'okei', 'oki', 'va (bene|benissimo)', 'd ?accordo', 'perfetto', 'ottimo', 'volentieri', 'benissimo', 'bene', 'ci sto',
      'accetto', 'procedi(amo)?', 'andiamo', 'perche no', 'come no', 'capito', 'grazie',
      // en
      'k', 'fine', 'alright', 'all right', 'agreed', 'i agree', 'sounds good', 'go ahead', 'please do', 'why not', 'good', 'great', 'perfect',
      'thanks', 'thank you', 'got it', 'cool',
      // ro
      'bine', '(sunt )?de acord', 'accept', 'de ce nu', 'cu placere', 'merge', 'mersi', 'multumesc',
      // es
      'vale', 'de acuerdo', 'acepto', 'bien', 'bueno', 'dale', 'listo', 'con gusto', 'por que no', 'orale', 'andale', 'de una', 'gracias', 'perfecto',
      // fr
      'd ?accord', 'ca marche', 'ca roule', 'vas y', 'allez', 'allons y', 'je veux bien', 'ok pour moi', 'volontiers', 'avec plaisir',
      'pourquoi pas', 'j ?accepte', 'merci', 'parfait', 'entendu',
      // sq
      'dakort', 'dakord', 'jam dakord', 'ne rregull', 'rregull', 'mire', 'me kenaqesi', 'pse jo', 'pranoj', 'faleminderit',
      // uk
      'ок', 'окей', 'добре', 'гаразд', 'давайте', 'давай', 'згоден', 'згодна', 'погоджуюсь', 'погоджуюся', 'залюбки', 'охоче', 'норм', 'дякую',
      'зрозуміло', 'чому б (і |й )?ні',
      // ar
      'اوك', 'اوكي', 'تمام', 'حسنا', 'موافق', 'اوافق', 'يالله', 'يلا', 'بكل سرور', 'من عيوني', 'واخا', 'ماشي الحال', 'ليش لا', 'ليه لا', 'شكرا',
    ].join('|'),
  )})(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * A hope, from its verb to the end of the message, in the eight languages ("si spera di no", "speriamo che non
 * chiuda", "I hope not", "ojalá que no", "j'espère que non", "sper că nu", "shpresoj që jo", "сподіваюся, що ні",
 * "أتمنى لا"): to a question of fact it says the worker does not know, so its own "no" or "sì" answers nothing;
 * what comes before it still does ("sì purtroppo, speriamo che non chiuda" is yes).
 */
const HOPE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      // it
      // ("si spera" is impersonal; in "si, spero..." the "si" before a first person is the answer)
      '(si )?(spera|sperava)', 'spero', 'speriamo', 'sperando', 'speravo', 'speravamo',
      // en
      'i (do )?hope', 'hopefully', 'let s hope', 'fingers crossed',
      // es
      'ojala', 'espero', 'esperemos', 'esperamos',
      // fr
      'j espere', 'esperons', 'pourvu que',
      // ro
      '(sa )?(sper|speram)',
      // sq
      'shpresoj', 'shpresojme',
      // uk
      'сподіваюся', 'сподіваюсь', 'сподіваємось', 'сподіваємося', 'надіюсь', 'надіюся',
      // ar
      'اتمنى', 'نتمنى', 'ارجو',
    ].join('|'),
  )})(?![\\p{L}\\p{N}]).*$`,
  'u',
);

/** What a message says before a hope it ends with ("sì, cassa integrazione, spero che non duri" -> "si cassa integrazione", folded); the message itself when it holds none. */
export function beforeHope(text: string): string {
  const hope = HOPE.exec(normalize(text));
  return hope ? hope.input.slice(0, hope.index).trim() : text;
}

/**
 * Yes / no / don't know to a question of fact ("is your firm in a crisis?", "are redundancies foreseen?"): as
 * recognizeYesNo, but a yes made only of acceptance or acknowledgement ("ok", "va bene", "no problem", 👍) is no
 * answer, so the question is asked again rather than answered for the worker. "ok, sì" is still yes.
 */
export function recognizeFactualYesNo(text: string, lang: Lang): YesNoAnswer | undefined {
  // "si spera di no", "I hope not": a hope says the worker does not know yet; what comes before it still answers
  const hope = HOPE.exec(normalize(text));
  if (hope) {
    const before = hope.input.slice(0, hope.index).trim();
    return before === '' ? 'unknown' : recognizeFactualYesNo(before, lang);
  }
  const answer = recognizeYesNo(text, lang);
  if (answer !== true) return answer;
  const norm = normalize(text.replace(/👍|👌|✅/gu, ' '));
  const noObjection = NO_OBJECTION_EVERYWHERE.reduce((rest, re) => rest.replace(re, ' '), norm);
  const rest = noObjection.replace(ACKNOWLEDGEMENTS, ' ').replace(/\s+/g, ' ').trim();
  return rest !== '' && recognizeYesNo(rest, lang) === true ? true : undefined;
}
