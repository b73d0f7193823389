/**
 * The pre-check's trigger words in the six newer languages (ro, ar, sq, es, uk, fr): asking whether one can take
 * part ("pot participa?", "¿puedo participar?", "هل يمكنني المشاركة", "чи можу я взяти участь", "puis-je
 * participer", "a mund të marr pjesë"), asking what a word means (a definition, not one's own case), and saying where
 * one works. General lexicons (verbs of taking part, joining, enrolling, being entitled or eligible, with the modal
 * forms that ask them), not lists of phrases; Italian and English keep theirs in trigger.ts and intents.ts.
 *
 * Every language's lexicon is tried on every message: a worker may write Spanish while the bot still speaks
 * Italian, and these words do not collide across the eight. Text and patterns are compared folded (no accents,
 * Arabic letter forms unified, punctuation as spaces: see models/text/fold).
 */
import { foldAccents, normalize } from '../understanding/normalize';
import { frameEntries, framesInAnyLanguage } from '../../models/faq/questionFrames';

/** Whole words in any script (`\b` knows only ASCII letters). */
function lexicon(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${foldAccents(alternatives.join('|')).toLowerCase()})(?![\\p{L}\\p{N}])`, 'u');
}

/** The same, anchored at the message's start (after a greeting, see GREETING). */
function opening(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${foldAccents(alternatives.join('|')).toLowerCase()})(?![\\p{L}\\p{N}])`, 'u');
}

/** Asking whether one can take part, qualifies or is entitled, anywhere in a message. */
const PARTICIPATION = lexicon(
  // ro: "pot participa", "aș putea să particip și eu", "sunt eligibil", "am dreptul", "e valabil și pentru mine"
  '(pot|putem|poate|as putea|am putea|ai putea|se poate)( si eu| si noi)?( sa)? (participa|particip|participam|ma inscriu|ne inscriem|inscrie|intru|intra|aplic|aplica|beneficiez|beneficia|accesez|accesa|fac parte)',
  '(sunt|as fi|suntem) (eligibil|eligibila|eligibili|indreptatit|indreptatita)',
  'am (si eu )?(dreptul|drept)',
  'ma calific',
  '(vreau|as vrea|as dori|doresc|vrem)( si eu)? sa (particip|participam|ma inscriu|ne inscriem|fac parte|aplic|intru|intram)( si eu)?( in program| in proiect)?',
  '(indeplinesc|indeplinim|am) (toate )?(conditiile|cerintele|criteriile)',
  'ma (priveste|incadrez)',
  '(ma|ne) (intereseaza|interesa)( sa)? (particip|participam|ma inscriu|ne inscriem|aplic|intru|fac parte)',
  '(ma|ne) intereseaza (programul|participarea|inscrierea|proiectul)',
  '(sunt|suntem) (interesat|interesata|interesati)( sa| de)? (particip|participare|ma inscriu|inscriere|program)',
  '(e|este|ar fi) (valabil|valabila|bun|buna|potrivit|potrivita)? ?(si )?pentru mine',
  // es: "¿puedo participar?", "¿me puedo apuntar?", "¿soy elegible?", "¿tengo derecho?", "¿es para mí?"
  '(puedo|podria|podemos|podriamos|se puede)( yo| nosotros)?( tambien)? (participar|apuntarme|inscribirme|acceder|entrar|aplicar|beneficiarme|postularme|unirme)',
  'me (puedo|podria) (apuntar|inscribir|beneficiar)',
  '(soy|seria|somos) (elegible|elegibles|apto|apta|aptos)',
  '(tengo|tendria|tenemos) (yo )?derecho',
  '(califico|cumplo (con )?los requisitos)',
  '(quiero|quisiera|queremos|me gustaria|deseo)( yo)?( tambien)? (participar|apuntarme|inscribirme|entrar en el programa|entrar al programa|entrar|unirme)',
  '(esto|eso|es|seria)( tambien)? para mi',
  '(me|nos) (sirve|corresponde|toca|aplica)',
  '(vale|aplica) (tambien )?para mi',
  '(me|nos) (interesa|interesaria)( mucho)? (participar|apuntarme|inscribirme|anotarme|entrar|unirme|postularme|registrarme|el programa|este programa)',
  '(estoy|estoy muy) interesad[oa] en (participar|apuntarme|inscribirme|anotarme|entrar|el programa)',
  '(me quiero|quiero|quisiera|me gustaria)( yo)? (apuntar|inscribir|anotar|registrar|postular|meter)(me)?( al programa| en el programa)?',
  // fr: "puis-je participer", "je peux participer moi aussi", "suis-je éligible", "j'ai droit", "c'est pour moi"
  '(puis je|je peux|je pourrais|pourrais je|est ce que je peux|est ce que je pourrais|peut on|on peut|pouvons nous|nous pouvons|peux je)( moi aussi| aussi)? (participer|y participer|m inscrire|m y inscrire|y acceder|acceder|en beneficier|beneficier|postuler|y avoir droit|rejoindre|entrer)',
  '(suis je|je suis|serais je|je serais|est ce que je suis) (eligible|eligibles|concerne|concernee|admissible)',
  '(j ai|ai je|j aurais|aurais je|est ce que j ai) (le )?droit',
  '(c est|est ce|ce serait|c est aussi)( aussi)? pour moi',
  '(ca|cela) (me concerne|s applique a moi|vaut (aussi )?pour moi)',
  '(je veux|je voudrais|j aimerais|je souhaite|nous voulons)( bien)? (participer|m inscrire|y participer|en faire partie|m y inscrire)',
  '(je remplis|est ce que je remplis|remplis je|je reponds a|je corresponds a) (les|toutes les) (conditions|criteres)',
  '(ca|cela) (m|nous) interesse(rait)?( bien| beaucoup)?( de| d)? (participer|m inscrire|y participer|m y inscrire|postuler|le programme|ce programme|ce projet)',
  'je suis (tres )?interesse(e)? (pour|par) (participer|m inscrire|y participer|le programme|ce programme|ce projet)',
  '(je veux|je voudrais|j aimerais|je souhaite)( bien)? (postuler|rejoindre le programme|rejoindre ce programme)',
  // sq: "a mund të marr pjesë", "a kam të drejtë", "a jam i përshtatshëm", "vlen edhe për mua"
  '(mund|mundem|mundemi|mundet|mundesh)( edhe une| edhe ne)? te (marr|marrim|marre) pjese',
  '(mund|mundem) te (aplikoj|regjistrohem|perfitoj|hyj|bashkohem)',
  '(kam|kemi) (edhe une )?te drejte',
  '(jam|jemi) (i|e|te) (pershtatshem|pershtatshme|kualifikuar|perzgjedhshem)',
  'kualifikohem',
  '(dua|do te doja|deshiroj|duam)( edhe une)? te (marr|marrim) pjese',
  '(i )?(plotesoj|plotesojme) (te gjitha )?(kushtet|kriteret)',
  '(me|na) takon( edhe mua)?',
  '(vlen|eshte|a eshte)( edhe)? per mua',
  '(a )?(ben|bon|shkon|hyn)( edhe)? per mua',
  '(me|na) intereson( shume)? (te|me) (marr|marrim|regjistrohem|aplikoj|hyj|futem)( pjese)?',
  '(me|na) intereson( shume)? (programi|projekti|pjesemarrja)',
  '(dua|du|due|duam|deshiroj|do te doja)( edhe une)? (te|me) (regjistrohem|aplikoj|hyj ne program|futem ne program|regjistru|aplikue)',
  '(a )?(mund|mundem|mujm|mundemi) (me|te) (marr|marre|regjistru|aplikue|hy)( pjese)?',
  // uk: "чи можу я взяти участь", "чи можна мені взяти участь", "чи підходжу я", "чи маю я право", "це для мене?"
  '(можу|можемо|можна|міг би|могла б|змогу)( я| мені| ми| нам)?( теж| також)? (взяти участь|брати участь|долучитися|приєднатися|записатися|зареєструватися|скористатися|подати заявку|потрапити)',
  '(чи )?(підходжу|підходимо)',
  '(хочу|хотів би|хотіла б|хочемо|бажаю)( теж| також)? (взяти участь|долучитися|приєднатися|записатися)',
  '(відповідаю|відповідаємо)( я| ми)? (вимогам|умовам|критеріям)',
  '(чи )?(маю|маємо|я маю|ми маємо)( я| ми)? (право)',
  '(чи )?(підходить|стосується) (це )?(мені|мене)',
  '(це|чи це)( теж| також)? для мене',
  '(чи )?можна (і )?(мені|нам)( теж| також)',
  '(можу|можемо|можна|міг би|могла б)( я| мені| ми| нам)?( теж| також)? (записатись|зареєструватись|долучитись|приєднатись)',
  '(хочу|хотів би|хотіла б|хочемо|бажаю)( теж| також)? (зареєструватися|зареєструватись|записатись|долучитись|приєднатись|подати заявку)',
  '(мене|нас) (цікавить|зацікавила|цікавила)( ця)? (участь|програма|проект|проєкт)',
  '(мені )?(цікаво|хотілося б) (взяти участь|долучитися|долучитись|записатися|записатись)',
  // ar: "هل يمكنني المشاركة", "ممكن أشارك", "هل أنا مؤهل", "هل لي الحق", "هل هذا لي", "يشملني"
  '(يمكنني|يمكن لي|استطيع|اقدر|ممكن|بامكاني|بإمكاني|هل يمكن)( ان| انا)? (المشاركه|اشارك|الاشتراك|اشترك|التسجيل|اسجل|الانضمام|انضم|الاستفاده|استفيد|التقديم|اقدم)',
  '(انا )?(مؤهل|مؤهله|مستحق|مستحقه)',
  '(لي|عندي|يحق لي) (ال)?حق',
  'يحق لي',
  '(اريد|اود|بدي|ارغب في|ارغب|حاب)( ان)? (المشاركه|اشارك|التسجيل|اسجل|الاشتراك|اشترك|الانضمام|انضم)',
  '(استوفي|تنطبق علي|تتوفر في|تتوفر لدي) (ال)?شروط',
  '(هذا|هذه|ذلك)( ايضا)? (لي|مناسب لي|يناسبني)',
  '(يشملني|ينطبق علي|يخصني)',
  // the dialects' "can I / may I" (Egyptian ينفع، Levantine فيني، Darija نقدر with the first person in n-)
  '(ينفع|يصلح|فيني|فيي|بقدر|نقدر|يمدني|يمكن لي)( ان| انا| اني)? (اشترك|اشارك|اسجل|اتسجل|ادخل|اقدم|نشارك|نسجل|نتسجل|ندخل|نقدم|نشترك|المشاركه|التسجيل|الاشتراك|الدخول|شارك|سجل|اشترك)',
  '(بغيت|نبغي|حابب|حابه|حاب|عايز|عاوز|عايزه|عاوزه|بدي|ابغى|ابي)( ان)? (نشارك|نسجل|نتسجل|اشارك|اسجل|اتسجل|اشترك|نشترك|ادخل|ندخل)',
  '(يهمني|تهمني|انا مهتم|انا مهتمه|مهتم|مهتمه)( ب| في|بال|في ال)? ?(المشاركه|التسجيل|البرنامج|ان اشارك|اشارك|ان اسجل)',
);

/** Negations that take a participation question back: "nu pot participa la întâlnire", "لا يمكنني المشاركة". */
const NEGATOR = new Set(['nu', 'no', 'ne', 'nuk', 's', 'не', 'ні', 'لا', 'لن', 'لم', 'مش', 'ما', 'non', 'not']);

/** How many words before a cue a negator still reaches ("nu cred că pot participa" is outside: two words). */
const NEGATION_REACH = 2;

/**
 * Does the message ask whether the writer can take part, in one of the six languages? A negated ask ("nu pot
 * participa la întâlnirea de luni", "no puedo participar", "я не можу взяти участь", "لا يمكنني المشاركة") does not
 * count: the worker says they cannot attend something, which the FAQ answers.
 */
export function asksToParticipate(text: string): boolean {
  const folded = normalize(text);
  const found = PARTICIPATION.exec(folded);
  if (!found) return false;
  const before = folded.slice(0, found.index).trim().split(' ').slice(-NEGATION_REACH);
  return !before.some((word) => NEGATOR.has(word));
}

/**
 * Asking about one's own right to the measure with any object ("ho diritto a questo sostegno?", "can I apply for
 * this programme?", "¿esta medida se aplica a mí?", "cette mesure s'applique-t-elle à moi ?", "se aplică și în cazul
 * meu?", "a vlen kjo masë edhe për mua?", "чи поширюється це на мене?", "هل يمكنني الحصول على هذا الدعم؟"): the forms of
 * entitlement, applying and "does it apply to me" that PARTICIPATION does not hold, and Italian's and English's
 * (trigger.ts keeps theirs for longer messages).
 */
const ENTITLEMENT = lexicon(
  // it
  '(io )?(posso|potrei|possiamo|potremmo|si puo)( anche io| anch io| anche noi)? (partecipare|aderire|accedere|accedervi|iscrivermi|iscriverci|candidarmi|candidarci|fare domanda|presentare (la )?domanda|entrare|beneficiare|usufruire|rientrare|richiedere|chiedere di (partecipare|entrare|aderire))',
  '(ho|abbiamo|avrei|avremmo)( anche io| anch io| io)? diritto',
  '(sono|siamo|sarei) (idone[oaie]|ammess[oaie]|ammissibil[ei]|tra i beneficiari)',
  '(vale|varrebbe|e|fa|si applica)( anche)? (per me|a me|al caso mio|per noi|nel mio caso)',
  '(mi|ci) (riguarda|spetta|spettano|tocca)',
  '(rientro|rientriamo|ci rientro)',
  // en
  '(can|could|may|might) (i|we)( also)? (take part|join|apply|participate|enrol|enroll|sign up|register|benefit|access|get in|be part)',
  '(am i|are we|would i be|i am|i m)( also)? (entitled|eligible)',
  '(do|would) (i|we) (qualify|have the right)',
  '(does|would|will) (it|this|that)( \\w+){0,2} (apply to|cover|include) (me|us)',
  '(is|would) (it|this|that)( \\w+){0,2} (for me|for us)',
  // es, fr, ro, sq, uk, ar: what PARTICIPATION lacks
  '(puedo|podria|podemos)( yo)?( tambien)? (solicitar|solicitarla|solicitarlo|pedir (esta|este|la|el) (ayuda|apoyo|programa)|recibir (esta|este) (ayuda|apoyo))',
  '(se )?(me )?aplica(ria)?( tambien)? (a mi|para mi|en mi caso)',
  '(s applique|s appliquerait|s applique t elle|s applique t il)( aussi)? (a moi|a nous|dans mon cas)',
  '(ca|cela|elle|il) me concerne',
  '(se aplica|s ar aplica|se aplica si)( si)? (in cazul meu|mie|pentru mine|la mine)',
  '(pot|as putea|putem)( si eu| si noi)?( sa)? (solicit|solicita|primesc|primi|obtin|obtine) (acest|aceasta|aceste|acesti)',
  '(mund|mundem|mundemi|mundet)( edhe une| edhe ne)? (te|me) (aplikoj|aplikojme|regjistrohem|regjistrohemi|perfitoj|perfitojme|hyj|bashkohem|marr pjese)',
  'vlen( [^ ]+){0,3} (edhe )?per (mua|ne)',
  '(поширюється|стосується|відноситься)( це| ця програма| вона)? (на мене|мене|до мене|на нас)',
  '(мені|нам) (можна|дозволено)( теж| також)? (записатися|записатись|долучитися|долучитись|приєднатися|приєднатись|зареєструватися|зареєструватись|взяти участь|подати заявку|скористатися)',
  '(можу|можемо|міг би|могла б)( я| ми)?( теж| також)? (отримати|одержати) (цю|ці|цей|це)',
  '(يمكنني|يمكن لي|استطيع|اقدر|ممكن|بامكاني|هل يمكن|ينفع)( ان)? (الحصول|احصل|اخد|اخذ|ناخد) (علي )?(هذا|هذه|هاد|ده|دي)',
);

/** Opening words of a question about something else ("how", "when", "who"...): "come faccio a iscrivermi?" is the FAQ's. */
const OTHER_QUESTION = opening(
  'come|quando|dove|quanto|quanti|quante|quale|quali|chi|perche|cosa|che cosa',
  'how|when|where|what|which|who|whom|why',
  'como|cuando|donde|cuanto|cuanta|cuantos|cuantas|cual|cuales|quien|quienes|que|por que|a que hora|hasta cuando',
  'comment|quand|ou|combien|quel|quelle|quels|quelles|qui|pourquoi|quoi|a quelle heure|jusqu a quand',
  'cum|cand|unde|cat|cata|cati|cate|care|cine|de ce|pana cand|ce fel|ce tip|ce fel de|ce organizatii|ce firme|ce persoane',
  // Albanian "si" (how), not Italian's "si può"
  'si(?! puo)|kur|ku|sa|cili|cila|cilet|kush|pse|cfare',
  'як|коли|де|скільки|який|яка|які|яке|хто|кому|чому|що|до якого',
  'كيف|كيفاش|متى|امتى|ايمتى|اين|وين|فين|كم|شحال|قديش|اي|من|لماذا|ليش|علاش|ماذا|ما|شنو|ايش|وش',
);

/**
 * What an ask about one's own right may be about: the measure and its services by name, or "this/these" (the answer
 * just given). Words are folded; the first list is whole words, the second word starts, the third Arabic stems found
 * inside a word (its prepositions and article are attached: "بهذا", "البرنامج").
 */
const MEASURE_OBJECT_WORDS = new Set(
  [
    'questo questa questi queste quest rete dote',
    'this these it',
    'este esta estos estas esto eso red',
    'ce cet cette ces ca cela',
    'acest aceasta acestei aceste acesti asta',
    'kjo ky kete keto keta',
    'це цю ця цей ці цього цієї цим цьому',
  ].join(' ').split(' '),
);
const MEASURE_OBJECT_STARTS = [
  'misur', 'program', 'progett', 'percors', 'iniziativ', 'sostegn', 'aiut', 'serviz', 'azion', 'bando', 'benefic', 'agevol', 'contribut', 'intervent', 'cors', 'formazion', 'politic',
  'measure', 'project', 'scheme', 'support', 'help', 'service', 'initiative', 'network', 'course', 'training', 'benefit',
  'medida', 'proyect', 'ayuda', 'apoyo', 'servicio', 'iniciativa', 'curso', 'formacion', 'beneficio',
  'mesure', 'projet', 'aide', 'soutien', 'reseau', 'formation', 'dispositif',
  'masur', 'proiect', 'sprijin', 'ajutor', 'servici', 'initiativ', 'retea', 'curs',
  'mase', 'masa', 'projekt', 'ndihm', 'sherbim', 'nism', 'rrjet', 'kurs', 'trajnim',
  'програм', 'проєкт', 'проект', 'підтримк', 'допомог', 'послуг', 'ініціатив', 'мереж', 'курс', 'навчан',
];
const MEASURE_OBJECT_STEMS = ['برنامج', 'مشروع', 'مساعد', 'دعم', 'خدم', 'مبادر', 'شبك', 'دور', 'تدريب', 'اجراء', 'هذ', 'هاد', 'ده', 'دي'];

/**
 * Words that may follow the ask without making it about something else: articles, prepositions, pronouns, "too",
 * "now", "please" (folded). Any other word names what the ask is about.
 */
const OBJECT_FILLER = new Set(
  [
    'a ad al alla allo ai agli alle all di del della dello dei degli delle in nel nella nei per con anche anch io noi ora adesso ancora gia pure mi me ci ne si lo la il le i gli un una uno favore piacere cortesia grazie',
    'to for in on at of the a an too also now still yet please me us as well then i we',
    'al en de del la el los las un una yo tambien ahora todavia mi me nos para por favor aun ya',
    'a au aux de du des la le les l un une moi aussi maintenant encore pour en y s il vous plait svp d je nous',
    'la in pentru si eu noi acum inca deja un o cu va rog de mie mine ma meu',
    'te per ne me edhe une tani ende nje nga ju lutem mua a',
    'до на в у з і й я ми теж також зараз вже ще будь ласка мені мене нас чи а',
    'في على من الى الي ل ب انا ايضا كمان الان هل لي فيها فيه يا فضلك ممكن حالي نفسي',
  ].join(' ').split(' '),
);

/** Does the rest of the ask name something other than the measure ("posso partecipare alla riunione?")? */
function asksAboutSomethingElse(words: readonly string[]): boolean {
  const named = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w !== '' && !OBJECT_FILLER.has(w));
  if (named.length === 0) return false;
  const aboutMeasure = named.some(
    (w) => MEASURE_OBJECT_WORDS.has(w) || MEASURE_OBJECT_STARTS.some((start) => w.startsWith(start)) || MEASURE_OBJECT_STEMS.some((stem) => w.includes(stem)),
  );
  return !aboutMeasure;
}

/** Question frames (models/faq/questionFrames.ts) that ask something other than "may I take part?". */
const OTHER_KIND_FRAMES: ReadonlySet<string> = new Set(['until-when', 'how-long', 'who-pays', 'what-do-i-get', 'where-go', 'reach', 'money-to-me', 'cost-to-me', 'funded-by', 'find-me-a-job', 'if-not-for-me']);

/**
 * The FAQ entries that answer the question at the end of a message when it is of another kind than "may I take part?"
 * ("lucrez la o ditta in Brescia ..., cât timp durează programul?": a length of time), or none. `questionAtEnd` is the
 * message's last question part (models/faq's questionParts) or the message itself.
 */
export function entriesForAnotherKindOfQuestion(questionAtEnd: string): ReadonlySet<string> {
  const entries = new Set<string>();
  if (asksToParticipate(questionAtEnd)) return entries;
  const owners = frameEntries();
  for (const frame of framesInAnyLanguage(questionAtEnd)) if (OTHER_KIND_FRAMES.has(frame)) for (const id of owners.get(frame) ?? []) entries.add(id);
  return entries;
}

/** More words than this and the message says more than "am I entitled to this?" (the FAQ or the facts decide). */
const OWN_ELIGIBILITY_WORDS = 12;

/**
 * "Am I entitled / can I apply / does it apply to me / could I join", in any of the eight languages, with any object
 * ("¿tengo derecho a esta ayuda?", "ho diritto a questo aiuto?", "на цю допомогу маю право?", "a mundem edhe unë të
 * aplikoj?"): the worker's own eligibility asked, so the pre-check starts (or is offered beside the rule). Not a
 * question opening on "how/when/who..." ("come faccio a iscrivermi?", "¿quién tiene derecho?"), not a negated ask
 * ("nu pot participa la întâlnire"), not a long message.
 */
export function asksOwnEligibility(text: string): boolean {
  // the ask alone: a second clause or a number tells a condition ("ho 20 anni, posso partecipare?", "I work in Turin,
  // not in Lombardy, is it for me?"), whose rule the FAQ gives with the pre-check offered beside it
  const clauses = text.split(/[,;:\n،؛]+/u).filter((clause) => withoutGreeting(clause) !== '');
  if (clauses.length > 1 || /\p{N}/u.test(text)) return false;
  const rest = withoutGreeting(text).replace(WISH_TO_KNOW, '').trim();
  if (rest === '' || OTHER_QUESTION.test(rest)) return false;
  const words = rest.split(' ');
  if (words.length > OWN_ELIGIBILITY_WORDS) return false;
  const found = PARTICIPATION.exec(rest) ?? ENTITLEMENT.exec(rest);
  if (!found) return false;
  // a question of another kind said anywhere in it ("fino a quando si può fare domanda?", "who pays if I join?"):
  // a date, a cost, a place to go is asked, which the FAQ answers (its answer offers the pre-check); read last, as
  // the dearest check (every frame in eight languages), once the message is a participation question at all
  if ([...framesInAnyLanguage(text)].some((frame) => OTHER_KIND_FRAMES.has(frame))) return false;
  // "any object" is any way of naming the measure: "can I join the meeting?", "posso entrare in bagno?", "am I
  // eligible for a mortgage?" ask about something else, which the FAQ answers or declines
  if (asksAboutSomethingElse(rest.slice(found.index + found[0].length).trim().split(' '))) return false;
  const before = rest.slice(0, found.index).trim().split(' ').slice(-NEGATION_REACH);
  return !before.some((word) => NEGATOR.has(word) || word === 'n' || word === 'don' || word === 'doesn');
}

/** Words that may stand around a bare participation question: a greeting, "too", "please", "the programme". */
const FILLER = new Set(
  [
    'buna', 'ziua', 'salut', 'si', 'eu', 'noi', 'ma', 'ne', 'nosotros', 'nosotras', 'nous', 'ми', 'нам', 'نحن', 'va', 'rog', 'la', 'program', 'programul', 'masura', 'aceasta', 'acest', 'proiect', 'proiectul', 'oare',
    'hola', 'buenos', 'dias', 'buenas', 'yo', 'tambien', 'por', 'favor', 'en', 'el', 'programa', 'esto', 'esta', 'medida', 'proyecto', 'a', 'al',
    'bonjour', 'moi', 'aussi', 'merci', 'est', 'ce', 'que', 'qu', 'au', 'programme', 'cette', 'mesure', 'projet', 'y', 'svp',
    'pershendetje', 'a', 'edhe', 'une', 'ju', 'lutem', 'ne', 'kete', 'program', 'programin', 'mase', 'masen', 'projekt',
    'добрий', 'день', 'привіт', 'вітаю', 'чи', 'я', 'теж', 'також', 'будь', 'ласка', 'у', 'в', 'цьому', 'програмі', 'проекті', 'проєкті',
    'مرحبا', 'السلام', 'عليكم', 'هل', 'انا', 'ايضا', 'من', 'فضلك', 'في', 'البرنامج', 'المشروع', 'هذا', 'هذه',
    // "myself", "too", "with you", "is it possible" in the dialects: "ممكن اسجل حالي؟", "واش نقدر نشارك حتى انا؟"
    'حالي', 'نفسي', 'روحي', 'معكم', 'معاكم', 'معاكم', 'واش', 'كمان', 'برضو', 'حتى', 'فيه', 'هاد', 'هادا', 'ده', 'دا',
    'mucho', 'muy', 'bien', 'beaucoup', 'shume', 'tare', 'foarte', 'дуже', 'per', 'mua', 'до', 'програми', 'проекту', 'проєкту',
  ].map((word) => normalize(word)),
);

/**
 * A whole message that is only a participation question ("pot participa?", "¿me puedo apuntar yo también?",
 * "هل يمكنني المشاركة في البرنامج؟"): the pre-check asked for, as "posso partecipare?" is in Italian.
 */
export function isParticipationRequest(text: string): boolean {
  if (!asksToParticipate(text)) return false;
  const folded = withoutGreeting(text).replace(WISH_TO_KNOW, '');
  const rest = folded.replace(new RegExp(PARTICIPATION.source, 'gu'), ' ').trim();
  return rest === '' || rest.split(/\s+/).every((word) => FILLER.has(word));
}

/**
 * "I'd like to know / check whether" before the question ("vreau să verific dacă pot participa", "je voudrais savoir
 * si je peux participer", "хочу дізнатися, чи можу я взяти участь", "أريد أن أعرف إذا كان يمكنني المشاركة").
 */
const WISH_TO_KNOW = opening(
  '((vreau|as vrea|as dori|doresc) sa )?(stiu|aflu|verific|vad)( si eu)? (daca|oare)',
  '((quiero|quisiera|me gustaria|necesito) )?(saber|verificar|comprobar|preguntar) si',
  '((je veux|je voudrais|j aimerais|je souhaite) )?(savoir|verifier|demander) (si|s)',
  '((dua|do te doja|deshiroj) te )?(di|mesoj|kontrolloj|verifikoj|pyes) (nese|a)',
  '((я )?(хочу|хотів би|хотіла б) )?(дізнатися|знати|перевірити|запитати|спитати)( чи)?',
  '((اريد|اود|بدي|حاب) )?(ان )?(اعرف|اتاكد|اسال)( اذا| هل| لو)?( كان)?',
);

/** A greeting a first message may open with, before what it says. */
const GREETING = opening(
  'buna ziua|buna seara|buna|salut|hola|buenos dias|buenas tardes|buenas|bonjour|bonsoir|salut|pershendetje|tungjatjeta|mirembrema|miredita|добрий день|доброго дня|привіт|вітаю|مرحبا|السلام عليكم|اهلا|صباح الخير|مساء الخير',
);

function withoutGreeting(text: string): string {
  const folded = normalize(text);
  return folded.replace(GREETING, '').trim();
}

/**
 * A message that opens on someone else's situation ("mio marito lavora in una fabbrica che chiude", "soțul meu...",
 * "my wife was laid off", "زوجي..."): a relative's or a colleague's case, not the writer's own, so it does not start
 * the writer's pre-check (the FAQ answers it; the pre-check is one tap away).
 */
const SOMEONE_ELSE = opening(
  '(mio|mia|il mio|la mia|un mio|una mia) (marito|moglie|compagno|compagna|figlio|figlia|fratello|sorella|padre|madre|papa|mamma|amico|amica|collega|cognato|cognata|vicino|vicina)',
  'my (husband|wife|partner|son|daughter|brother|sister|father|mother|dad|mum|mom|friend|colleague)',
  '(sotul|sotia|fiul|fiica|fratele|sora|tatal|mama|prietenul|prietena|colegul|colega) (meu|mea)',
  '(un|o) (coleg|colega|prieten|prietena) de[ al]? (al meu|a mea|meu|mea)',
  'mi (esposo|esposa|marido|mujer|pareja|hijo|hija|hermano|hermana|padre|madre|papa|mama|amigo|amiga|companero|companera|cunado|cunada)',
  'un (amigo|companero) mio|una (amiga|companera) mia',
  '(mon|ma) (mari|femme|epouse|conjoint|conjointe|fils|fille|frere|soeur|pere|mere|ami|amie|collegue|copain|copine)',
  '(burri|gruaja|bashkeshorti|bashkeshortja|djali|vajza|vellai|motra|babai|nena|shoku|shoqja|kolegu|kolegia) (im|ime)',
  '(мій|моя|мого|моєї) (чоловік|дружина|син|донька|дочка|брат|сестра|батько|мати|мама|тато|друг|подруга|колега)',
  '(زوجي|زوجتي|ابني|بنتي|ابنتي|اخي|اختي|خويا|ختي|راجلي|مراتي|مرتي|ولدي|صاحبي|صديقي|زميلي|جوزي|ابويا|امي|بابا|ماما)',
  // the same relatives as the sentence's indirect or direct object: "a mia figlia è scaduto il contratto", "a mi hijo
  // se le acabó", "fiului meu i s-a terminat", "djalit tim i mbaroi", "мого чоловіка звільнили", "у мого сина"
  '(a|al|alla|per) (mio|mia|il mio|la mia) (marito|moglie|compagno|compagna|figlio|figlia|fratello|sorella|padre|madre|papa|mamma|amico|amica|collega)',
  '(to|for) my (husband|wife|partner|son|daughter|brother|sister|father|mother|dad|mum|mom|friend|colleague)',
  '(a|para) mi (esposo|esposa|marido|mujer|pareja|hijo|hija|hermano|hermana|padre|madre|papa|mama|amigo|amiga)',
  '(a|pour) (mon|ma) (mari|femme|epouse|conjoint|conjointe|fils|fille|frere|soeur|pere|mere|ami|amie)',
  '(sotului|sotiei|fiului|fiicei|fratelui|surorii|tatalui|mamei|prietenului|prietenei|colegului|colegei) (meu|mele)',
  '(burrit|gruas|bashkeshortit|djalit|vajzes|vellait|motres|babait|nenes|shokut|shoqes|kolegut) (tim|time)',
  '(у |в )?(мого|моєї|моїй|мою|моєму) (чоловіка|чоловікові|дружину|дружини|сина|синові|доньку|доньки|дочку|дочки|брата|братові|сестру|сестри|батька|матір|маму|мами|тата|друга|подругу|колегу)',
);

export function speaksOfSomeoneElse(text: string): boolean {
  return SOMEONE_ELSE.test(withoutGreeting(text));
}

/**
 * Whether the call is still open, asked with a closing word that is no firm's closure: "ще можна записатися чи набір
 * закрито?", "can I still apply or is it closed?", "لسه ممكن اقدم ولا خلاص قفلوا؟", "التسجيل لسه مفتوح؟". An "or"
 * followed by "closed", or the call (registration, applications) named with an opening or closing word.
 */
const CALL_CLOSED = lexicon(
  '(o|oppure|or|sau|ou|ose|apo|чи|або|или|ولا|والا|او) (e |is it |it s |is |s a |c est |est |eshte |esta |вже |уже |все |خلاص |كل شي |)(gia |already |deja |ya |tashme |вже |уже |все |خلاص |)(chiuso|chiusa|chiusi|scaduto|scaduta|closed|over|expired|inchis|inchisa|expirat|ferme|fermee|termine|cerrado|cerrada|cerro|vencido|mbyllur|skaduar|закрито|закрили|закритий|закрита|закрився|закрилось|закінчився|закінчилось|закрыто|закрыли|قفل|قفلوا|قفلو|اتقفل|مقفول|سدو|سدوه|سدات|تسد|انتهى|فات)',
  '(набір|прийом заявок|прийом|конкурс|реєстрація|запис|набор|прием заявок) (ще |вже |уже |еще |)(закрито|закритий|закрита|відкрито|відкритий|відкрита|закінчився|закрили|закрыт|открыт)',
  '(التسجيل|التقديم|باب التسجيل|باب التقديم|الطلبات|الاعلان) (لسه |مازال |ما زال |باقي |خلاص |)(مفتوح|مفتوحه|مقفول|قفل|اتقفل|سد|تسد|انتهى|مغلق|مغلقه)',
);

export function asksWhetherTheCallIsOpen(text: string): boolean {
  return CALL_CLOSED.test(normalize(text));
}

/** An office or a desk, whose "closing" is its opening hours, not a firm's closure. */
const OFFICE = lexicon('ufficio|uffici|sportello|office|offices|oficina|oficinas|bureau|bureaux|guichet|birou|biroul|birourile|ghiseul|офіс|офісу|офис|приймальня|مكتب|المكتب|zyra|zyre|zyren|zyres');
/** When, at what time, opening hours: in the eight languages. */
const WHEN = lexicon(
  'a che ora|quando|orari|orario|what time|when|opening hours|a que hora|cuando|horario|horarios|a quelle heure|quand|horaires|la ce ora|cand|programul|о котрій|коли|години роботи|графік|kur|ne cfare ore|orari|orarin|امتى|متى|وقتاش|ايمتى|اوقات|مواعيد',
);

/**
 * "A che ora chiude l'ufficio di Milano?", "¿a qué hora cierra la oficina?", "kur mbyllet zyra?": a question about an
 * office's hours, whose closing verb is no firm in crisis.
 */
export function asksAboutOfficeHours(text: string): boolean {
  if (!/[?؟]\s*$/u.test(text.trim())) return false;
  const folded = normalize(text);
  return OFFICE.test(folded) && WHEN.test(folded);
}

/** "Ce înseamnă cassa integrazione?", "¿qué es...?", "c'est quoi...", "що таке...", "ماذا تعني...": a word's meaning. */
const DEFINITION = opening(
  'ce (este|e|sunt|inseamna|reprezinta|vrea sa spuna)',
  // "ce înțelegeți prin firmă în criză?", "¿a qué le llaman crisis?", "vous entendez quoi par crise ?"
  'ce (intelegeti|intelegi|se intelege)( voi| dumneavoastra)? prin',
  '(que|y que) (es|son|significa|quiere decir)',
  'a que (le |les )?(llaman|llamais|dicen)|que (se )?entiende(n)? por|a que se refiere(n)?( con)?',
  'c est quoi|qu est ce que|qu est ce qu|que (veut dire|signifie)|ca veut dire quoi|ca signifie quoi',
  '(vous entendez|on entend|tu entends) quoi par|qu entendez vous par|que faut il entendre par',
  '(cfare|c|ç) (eshte|jane|do te thote|domethene|kuptim ka)',
  '(що|шо) (таке|означає|значить|це)',
  '(ما|ماذا|شو) (هو|هي|هم|تعني|يعني|معني|معنى)|ما معني|ما معنى',
);

/** "and", "but", "so" opening a question ("а що таке криза?", "e cos'è la CIGS?", "et c'est quoi le chômage partiel ?"). */
const LEADING_CONJUNCTION = new RegExp(`^(?:${foldAccents('e|ed|and|but|so|ok|si|și|iar|dar|y|pero|entonces|et|mais|alors|dhe|por|edhe|а|і|й|и|але|то|و|بس|طيب|وطيب').toLowerCase()})\\s+|^و(?=ما|ماذا|شو)`, 'u');

export function asksForDefinition(text: string): boolean {
  const opened = withoutGreeting(text);
  return DEFINITION.test(opened) || DEFINITION.test(opened.replace(LEADING_CONJUNCTION, ''));
}

/** "Lucrez la Monza", "trabajo en Monza", "je travaille à Monza", "punoj në Monza", "працюю в Monza", "أعمل في Monza". */
const WORKSITE = opening(
  '(eu )?(lucrez|lucram|am lucrat|lucrasem)',
  '(firma|fabrica|compania|societatea|uzina) (mea |noastra )?(este|e|era|se afla|se gaseste)',
  '(yo )?(trabajo|trabajaba|he trabajado|trabajamos|trabaje)',
  '(mi|nuestra) (empresa|fabrica|compania|planta) (esta|estaba|es|se encuentra)',
  '(je )?(travaille|travaillais|j ai travaille|ai travaille)',
  '(mon|notre) (entreprise|usine|employeur|societe) (est|etait|se trouve)|(mon|notre) (usine|entreprise) (est|etait)',
  '(une )?(punoj|punoja|kam punuar|punojme)',
  '(kompania|fabrika|firma) (ime |jone )?(eshte|ishte|ndodhet)',
  '(я )?(працюю|працював|працювала|працюємо)',
  '(моя |наша )?(фірма|компанія|фабрика|підприємство) (знаходиться|розташована|розташоване|була|є)',
  '(انا )?(اعمل|اشتغل|نعمل|كنت اعمل|عملت|اشتغلت)',
  '(شركتي|مصنعي|شركتنا) (في|موجوده|تقع)',
);

/**
 * The same work verbs after a first clause ("stau la Novara dar lucrez la Milano", "vivo en Novara pero trabajo en
 * Milán", "j'habite à Novara et je travaille à Milan", "я живу в Новарі, але працюю в Мілані"): a conjunction, then
 * the worker saying where they work.
 */
const WORKSITE_AFTER_CLAUSE = lexicon(
  '(dar|iar|insa|si|pero|y|mais|et|por|dhe|ndersa|але|а|і|та|проте|لكن|ولكن|لكني|لكنني|بس|و) (eu |yo |je |une |я |انا )?(lucrez|lucram|am lucrat|trabajo|trabajaba|he trabajado|travaille|travaillais|j ai travaille|punoj|punoja|kam punuar|працюю|працював|працювала|اعمل|اشتغل|كنت اعمل)',
);

/**
 * One's own firm named as the subject of a present state ("la mia ditta è ...", "my company is ...", "mi empresa
 * está ...", "mon entreprise est ...", "firma mea este ...", "kompania ime është ...", "моя фірма ...", "شركتي ..."):
 * what follows is the firm's situation today, not its past ("era", "was").
 */
const OWN_FIRM_NOW = opening(
  'la (mia |nostra )?(azienda|ditta|fabbrica|societa|impresa)( (dove|in cui|per cui) (lavoro|lavoriamo))? (e|sta)',
  'my (company|employer|firm|factory|plant) (is|has)', 'the (company|firm|factory) (i work for|i work at|where i work) (is|has)',
  '(mi|nuestra) (empresa|fabrica|compania) (esta|es|ha)', 'la empresa (donde|en la que) trabajo (esta|ha)',
  '(mon|notre) (entreprise|usine|employeur|societe|boite) (est|a)', 'l entreprise ou je travaille (est|a)',
  '(firma|fabrica|compania|societatea) (mea|noastra|unde lucrez) (este|e|a intrat|are)',
  '(kompania|fabrika|firma) (ime|jone|ku punoj) (eshte|ka hyre|ka)',
  '(моя|наша) (фірма|компанія|фабрика) (зараз )?(в|у|на|має)', '(моє|наше) підприємство (зараз )?(в|у|на|має)',
  '(شركتي|مصنعي|شركتنا)',
);

/**
 * The writer saying they speak for the firm (HR, owner, consultant, receiver): "sono il titolare", "lavoro come
 * curatore", "I'm an HR manager", "soy la dueña", "je suis le patron", "sunt patronul", "jam pronari", "я власник",
 * "انا صاحب الشركة". Only a role the writer gives themselves: "il titolare mi ha licenziato", "mon patron m'a viré" are a
 * worker's own case.
 */
const FIRM_SIDE = lexicon(
  '(io )?(sono|faccio) (il |la |lo |un |una |l )?(titolare|responsabile (hr|del personale|delle risorse umane|risorse umane)|consulente|curatore|curatrice|commercialista|imprenditore|imprenditrice|datore di lavoro|datrice di lavoro)',
  'lavoro (come|nell|all|nelle|in) (ufficio (del )?personale|risorse umane|hr|curatore|curatrice|consulente|commercialista)',
  'lavoro (per|in) una (societa|azienda|ditta) (di|che fa) consulenza',
  '(i m|i am|im) (an |the |a )?(hr|human resources|owner|consultant|administrator|receiver)',
  'i work (in|for) (hr|human resources|a consultancy|a consulting firm)', 'i work as (a |an )?(consultant|receiver|administrator)',
  'soy (el |la )?(dueno|duena|consultor|consultora|responsable de recursos humanos|jefe de personal)', 'trabajo en recursos humanos',
  'je suis (le |la )?(patron|patronne|dirigeant|dirigeante|consultant|consultante|responsable rh|responsable des ressources humaines)',
  'je travaille aux ressources humaines',
  'sunt (patronul|patroana|consultant|consultanta)', 'lucrez la resurse umane',
  'jam (pronari|pronarja|konsulent|konsulente)', 'punoj ne burime njerezore',
  'я (власник|власниця|консультант|працюю у відділі кадрів|працюю в відділі кадрів)',
  'انا (صاحب الشركه|صاحبه الشركه|مدير الموارد البشريه)', '(اعمل|اشتغل) في الموارد البشريه',
);

/** Someone on the firm's side (HR, owner, consultant, receiver) speaking: their firm's crisis is not their own case. */
export function speaksForTheFirm(text: string): boolean {
  return FIRM_SIDE.test(withoutGreeting(text));
}

export function tellsOwnFirmsState(text: string): boolean {
  const folded = withoutGreeting(text);
  return OWN_FIRM_NOW.test(folded);
}

export function statesWorksite(text: string): boolean {
  const folded = withoutGreeting(text);
  return WORKSITE.test(folded) || WORKSITE_AFTER_CLAUSE.test(folded);
}

/**
 * A short question closing a message about one's own case ("..., contează?", "¿cuenta?", "ça compte ?", "a vlen?",
 * "це рахується?", "هل يحسب؟"): does what I just said count, is it a problem, am I still in. Italian and English
 * keep theirs in trigger.ts (OWN_CASE_QUESTION).
 */
const OWN_CASE_CLOSING = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      // ro
      '(si )?(asta )?(conteaza|e bine|e ok|e o problema|merge|se pune|se ia in considerare|intru|ma calific|e valabil|mai pot)( asa)?',
      // es
      '(y )?(eso )?(cuenta|vale|sirve|importa|es un problema|esta bien|entro|califico|aplica)( igual)?',
      // fr
      '(et )?(ca|cela|c est) (compte|va|marche|pose probleme|pose un probleme|est un probleme|passe|bon)|(est ce que )?(ca|cela) compte',
      // sq
      '(a )?(vlen|ka rendesi|eshte problem|eshte ne rregull|hyj|numerohet|merret parasysh)( njesoj)?',
      // uk
      '(чи )?(це )?(рахується|враховується|важливо|має значення|проблема|підходить|зараховується|підходжу)',
      // ar
      '(هل )?(هذا |ذلك )?(يحسب|يهم|مهم|مشكله|ينفع|يصلح|مقبول|يعتبر|تحسب)',
    ].join('|'),
  ).toLowerCase()})$`,
  'u',
);

/**
 * Help asked for, as the whole last clause of a message: "..., mi potete aiutare?", "can you help me?", "¿qué puedo
 * hacer?", "que puis-je faire ?", "ce pot face?", "çfarë mund të bëj?", "що мені робити?", "ماذا أفعل؟". After one's
 * own case told ("mi è scaduto il contratto, mi potete aiutare?") it asks what the pre-check finds out; with an
 * object of its own ("mi aiutate a scrivere il curriculum?") it is a question for the FAQ, and is not matched here.
 */
const HELP_CLOSING = new RegExp(
  `^(?:(e|ma|and|so|y|pero|et|mais|si|dar|dhe|por|і|а|але|و|بس) )?(?:${foldAccents(
    [
      // it
      '(mi |ci )?(potete|puoi|potreste|potrebbe|puo|può) (aiutare|aiutarmi|aiutarci|dare una mano)( per favore| grazie)?|aiutatemi|aiutami|(cosa|che cosa|che) (posso|devo|dovrei|possiamo) fare( adesso| ora)?|come (posso|devo) fare( adesso| ora)?',
      // en
      '(can|could) (you|u) (help|help me|help us|please help me)( please)?|please help( me)?|help me( please)?|what (can|should|do) (i|we) do( now)?|what are my options',
      // es
      '(me|nos) (pueden|puede|podrian|podria|puedes) ayudar|(pueden|puede|podrian|podria|puedes) ayudarme|ayudenme|ayudame|que (puedo|debo|podemos) hacer( ahora)?',
      // fr
      '(vous )?(pouvez|pourriez|peux|pourrais)( vous| tu)? m aider|(est ce que )?vous pouvez m aider|aidez moi|que (puis je|dois je|pouvons nous) faire|qu est ce que je (peux|dois) faire|je fais quoi',
      // ro
      '(ma|ne) (puteti|poti|ati putea|puteti sa|poate) ajuta|ajutati ma|ajuta ma|ce (pot|trebuie sa|putem) (face|fac)( acum)?',
      // sq
      '(a )?(mund|mundeni) (te )?(me|na) (ndihmoni|ndihmosh|ndihmojne)|me ndihmoni|(cfare|çfare|c) (mund|duhet) (te )?(bej|bejme)( tani)?',
      // uk
      '(ви )?(можете|могли б) (мені |нам )?(допомогти|допомогти мені)|допоможіть( мені| будь ласка)*|що (мені|нам) (робити|тепер робити|робити тепер)|що (я можу|можна) зробити',
      // ar
      '(هل )?(ممكن|يمكنكم|تقدروا|ممكن حد) (تساعدوني|تساعدني|مساعدتي|يساعدني)|ساعدوني|ساعدني|(ماذا|ما الذي) (افعل|يمكنني ان افعل|يمكنني فعله)|اعمل ايه|نعمل ايه|شو بعمل|اش ندير|اشنو ندير',
    ].join('|'),
  ).toLowerCase()})$`,
  'u',
);

/**
 * Not understanding something, or something read or heard ("non capisco la differenza tra ...", "ho letto che ...",
 * "I don't understand", "no entiendo", "je ne comprends pas", "nu înțeleg", "nuk e kuptoj", "не розумію", "مش فاهم"):
 * help asked after it is help with the measure's words, not with one's own case.
 */
const NOT_UNDERSTOOD = lexicon(
  'non (capisco|ho capito|mi e chiaro|mi e chiara)', 'la differenza', 'ho letto', 'ho sentito dire',
  '(i )?(don t|do not|didn t) (understand|get)', 'the difference', 'i read', 'i heard',
  'no (entiendo|comprendo|me queda claro)', 'la diferencia', 'he leido', 'lei que',
  '(je )?ne comprends pas', 'je comprends pas', 'la difference', 'j ai lu', 'j ai entendu',
  'nu (inteleg|am inteles)', 'diferenta', 'am citit', 'am auzit',
  'nuk (e )?(kuptoj|kam kuptuar)', 'ndryshimi', 'kam lexuar', 'kam degjuar',
  'не (розумію|зрозумів|зрозуміла)', 'різниц', 'читав', 'читала', 'чув', 'чула',
  '(مش|مو|ما|لا) (فاهم|فاهمه|افهم|فهمت)', 'الفرق', 'قريت', 'قرات', 'سمعت',
);

export function endsWithHelpRequest(text: string): boolean {
  if (NOT_UNDERSTOOD.test(normalize(text))) return false;
  const clauses = text.split(/[,.;:!?¿¡،؟\n]+/u).map((clause) => normalize(clause)).filter((clause) => clause !== '');
  return clauses.length > 1 && HELP_CLOSING.test(clauses[clauses.length - 1]);
}

export function endsWithOwnCaseQuestion(text: string): boolean {
  if (!/[?؟]\s*$/u.test(text.trim())) return false;
  return OWN_CASE_CLOSING.test(normalize(text));
}
