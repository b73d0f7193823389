/**
 * The employer's crisis process from free text, in Italian and English, and in the six newer languages.
 *
 * Cassa integrazione: only a named kind is reported as that kind (straordinaria -> CIGS, in deroga -> CIGD,
 * ordinaria -> CIGO; a "contratto di solidarietà" is a CIGS cause). A plain "cassa integrazione" / "CIG" / "in
 * cassa" is reported as OTHER_CRISIS: it surely is a crisis process (which is what eligibility needs first), but
 * the measure's rules name CIGS and CIGD, not CIGO, so guessing CIGS would overstate what the worker said; the
 * dialog can ask which kind when it matters.
 *
 * Bankruptcy (fallimento, liquidazione giudiziale, a receiver) is INSOLVENCY: the call's art. 72 suspension is about
 * it. Concordato preventivo, composizione negoziata, debt restructuring, amministrazione straordinaria and compulsory
 * administrative liquidation are ARRANGEMENT: procedures that are not bankruptcy. A plain "liquidazione" is the
 * firm winding down (CLOSURE); "insolvente" or "procedura concorsuale" without its name is a crisis of a kind to be
 * said (OTHER_CRISIS).
 *
 * When several processes are named, the most specific wins (CIGS/CIGD/CIGO, then collective dismissal,
 * insolvency, arrangement, relocation, closure, then any other sign of crisis). Negated cues do not count, and when only
 * negated cues are found ("non è in crisi", "no layoffs") the answer is NO_CRISIS. Cues inside "non so se ..." or
 * "forse ..." are uncertain: the answer is UNKNOWN unless something is said for sure.
 */
import { memoizeTextIn } from '../../models/text/textMemo';
import { anyOf, anyOfWords, findCues, type Cue, type CueHit } from './cues';
import type { CrisisKind, Lang } from './types';
import { beforeHope, recognizeFactualYesNo } from './yesNo';

/** A part of a firm: what a partial closure closes ("un reparto", "la linea 2", "lo stabilimento di Monza"). */
const PART_OF_FIRM_BARE = '(reparto|reparti|linea|linee|ramo|rami|turno|turni|divisione|divisioni|ufficio|uffici|cantiere|cantieri)\\b';
/** Sites that are the whole workplace when definite ("chiude lo stabilimento", "la sede"): a part only when one of several. */
const SITE_OF_FIRM = '(sede|sedi|filiale|filiali|stabilimento|stabilimenti|negozio|negozi|punto vendita|punti vendita|magazzino|magazzini|impianto|impianti)\\b';
const PART_OF_FIRM = `((un |una |uno |il |lo |la |l |i |gli |le |alcun[ie] |due |tre |quattro |\\d+ )?(suo |sua |suoi |sue |nostro |nostra )?${PART_OF_FIRM_BARE}|(un |una |uno |alcun[ie] |due |tre |quattro |\\d+ )(dei |delle |degli )?(suoi |sue )?${SITE_OF_FIRM})`;

const IT_CUES: Array<Cue<CrisisKind>> = [
  { value: 'UNKNOWN', re: anyOf('non (lo |ne )?so\\b', 'non saprei', 'boh\\b', 'non sono sicur[oa]\\b(?! (se|che))', 'non (ne )?ho (idea|la minima idea)', 'chissa\\b', 'non me l hanno detto', 'nessuno ci ha detto') },
  {
    value: 'NO_CRISIS',
    re: anyOf(
      'nessuna (crisi|procedura|difficolta)',
      'nessun (problema|licenziamento)',
      'non c e (nessuna )?(crisi|nessuna procedura)',
      'non (e|era) (mai stata )?in crisi',
      '(va|andava|e andato|e) tutto (bene|ok|a posto|regolare)',
      'tutto (ok|bene|a posto|regolare)',
      '(l )?azienda (sta|va) bene',
      'nessuna crisi',
      'e sana',
    ),
  },
  { value: 'CIGS', re: anyOf('(cassa|cig)( integrazione)?( guadagni)?( \\w+)? straordinaria', 'cigs\\b', 'contratt[oi] di solidarieta', 'in solidarieta', 'solidarieta difensiva') },
  { value: 'CIGD', re: anyOf('(cassa|cig)( integrazione)?( guadagni)?( \\w+)? in deroga', 'cigd\\b', 'in deroga\\b') },
  { value: 'CIGO', re: anyOf('(cassa|cig)( integrazione)?( guadagni)?( \\w+)? ordinaria', 'cigo\\b') },
  {
    value: 'COLLECTIVE_DISMISSAL',
    re: anyOf(
      'licenziament[oi] collettiv[oi]',
      'esuber[oi]\\b',
      'procedura di (mobilita|licenziamento)',
      '(in|lista di|liste di|la) mobilita\\b',
      'riduzione (del|di) personale',
      'tagli(o)? (del|al|di) personale',
      'licenziamenti\\b',
      'sta(nno)? licenziando',
      '(ha|hanno) licenziato (\\d+|molti|tutti|decine|centinaia|parte|meta|colleghi)',
      'legge 223',
    ),
  },
  {
    value: 'ARRANGEMENT',
    re: anyOf(
      'concordato',
      'composizione negoziata',
      'accord[oi] di ristrutturazione( dei debiti)?',
      'amministrazione straordinaria',
      'liquidazione coatta',
      'piano di risanamento',
    ),
  },
  {
    value: 'INSOLVENCY',
    re: anyOf(
      'fallimento',
      'fallimentare',
      'fallit[oa]\\b',
      'fallisce',
      'sta fallendo',
      'bancarotta',
      'liquidazione giudiziale',
      'curatore',
      'curatela',
    ),
  },
  {
    value: 'RELOCATION',
    re: anyOf(
      'delocalizz',
      'trasferimento (della produzione |dello stabilimento |della sede |dell attivita )?all estero',
      '(si )?(trasferisce|trasferiscono|sposta|spostano|porta|portano) (la produzione|lo stabilimento|la fabbrica|la sede|l attivita|tutto|la ditta|l azienda|la lavorazione)',
      '(spostamento|trasferimento) (della produzione|dello stabilimento|della fabbrica|della sede|dell attivita)',
      '(va|vanno|andra) (a produrre )?all estero',
      'produzione all estero',
    ),
  },
  // a part of the firm closing ("ha chiuso un reparto", "chiude la linea 2", "la chiusura di una sede"): a crisis of a
  // kind to be told, not the firm closing; before CLOSURE, which would read its "chiuso"
  {
    value: 'OTHER_CRISIS',
    re: anyOf(
      `(ha|hanno|abbiano|avevano) (chiuso|cessato|dismesso|soppresso) ${PART_OF_FIRM}`,
      `(chiude|chiudono|chiudera|chiuderanno|sta chiudendo|stanno chiudendo|vuole chiudere|vogliono chiudere) ${PART_OF_FIRM}`,
      `(chiusura|cessazione|soppressione|dismissione) (di |del |della |dello |dei |delle |degli )?${PART_OF_FIRM}`,
    ),
  },
  {
    value: 'CLOSURE',
    re: anyOf(
      'chiusura',
      'chiude\\b',
      'chiudono\\b',
      'chiudera\\b',
      'chiuderanno',
      'sta chiudendo',
      'stanno chiudendo',
      '(ha|hanno) chiuso',
      'e (stata )?chiusa',
      'cessazione',
      'cessa(re|no|ra|eranno)? (l )?attivita',
      '(ha|hanno) cessato',
      'cessera',
      'smantell',
      'liquidazione',
      'in liquidazione',
    ),
  },
  {
    value: 'OTHER_CRISIS',
    re: anyOf(
      'cassa ?integrazione',
      'cassa ?integrat[oaie]',
      'cassintegrat[oaie]',
      '(?<!lavoro )in cassa\\b',
      'cig\\b',
      'fis\\b',
      'fondo di integrazione salariale',
      'crisi\\b',
      'procedur[ae] concorsual[ei]',
      'insolvenz[ae]',
      'insolvent[ei]',
      'in difficolta',
      'difficolta (economiche|finanziarie)',
      'problemi (economici|finanziari)',
      'meno (ordini|lavoro|commesse)',
      'riduzione (dell |di |d )?orario',
      'orario ridotto',
      'calo (di|degli|del|dei) (lavoro|ordini|ordinativi|commesse|fatturato)',
      'ristrutturazione',
      'riorganizzazione',
      'tavolo (regionale|di crisi|in regione|al ministero)',
      'vertenza',
      'stipendi (in ritardo|non pagati|arretrati)',
      'non (ci )?paga(no)? (gli stipendi|lo stipendio)',
      'sospes[oi] (dal lavoro|a zero ore)',
      'a zero ore',
    ),
  },
];

const EN_CUES: Array<Cue<CrisisKind>> = [
  { value: 'UNKNOWN', re: anyOf('(i )?(don t|do not|dont) know\\b(?! (if|whether))', 'not sure\\b(?! (if|whether))', 'no idea', 'dunno', 'no clue', 'nobody told (me|us)') },
  {
    value: 'NO_CRISIS',
    re: anyOf('no crisis', 'not in (a )?crisis', 'no (problems|issues)', 'everything (is |s )?(fine|ok|okay|good|normal)', '(company|business|firm) is (doing )?(fine|well|ok|healthy)', 'doing (fine|well)'),
  },
  { value: 'CIGS', re: anyOf('extraordinary (wage guarantee|redundancy fund|cassa|wage supplementation|short time)', 'cigs\\b', 'solidarity contract') },
  { value: 'CIGD', re: anyOf('(wage guarantee|cassa|cig)( \\w+)? in deroga', 'cigd\\b', 'derogation') },
  { value: 'CIGO', re: anyOf('ordinary (wage guarantee|redundancy fund|cassa|wage supplementation|short time)', 'cigo\\b') },
  { value: 'COLLECTIVE_DISMISSAL', re: anyOf('collective (dismissal|redundanc)', 'mass (layoffs?|redundanc)', 'redundancies', 'redundancy (procedure|plan|scheme)', 'layoffs?\\b', 'lay offs', 'job cuts', 'downsizing', 'cutting (jobs|staff)', 'laying (people |staff |workers )?off') },
  { value: 'ARRANGEMENT', re: anyOf('(arrangement|composition|agreement) with (its |the )?creditors', 'pre ?bankruptcy', 'debt restructuring', 'extraordinary administration', '(in|into) administration') },
  { value: 'INSOLVENCY', re: anyOf('bankrupt', 'judicial liquidation', 'receivership', 'receiver', 'chapter 11', 'went bust') },
  { value: 'RELOCATION', re: anyOf('relocat', 'offshor', 'moving (the )?(production|plant|factory|operations|jobs|work)', 'move (the )?(production|plant|factory|operations) (abroad|to)', 'moving abroad') },
  // a part of the firm closing ("closed a department", "is shutting one line"): a crisis of a kind to be told
  { value: 'OTHER_CRISIS', re: anyOf('(clos(ed|es|ing)|shut(s|ting)?( down)?) (a|one|the|two|three|some|its|our) (department|line|site|branch|plant|shop|store|warehouse|division|unit|office|factory)s?\\b') },
  { value: 'CLOSURE', re: anyOf('liquidation', 'liquidator', 'clos(ing|ure|es|ed) down', 'closure', 'closing\\b', 'shut(ting)? down', 'shuts? down', '(will|to|going to) close', 'is closing', 'ceas(e|ing) (trading|operations|activity)', 'wind(ing)? down') },
  { value: 'OTHER_CRISIS', re: anyOf('crisis', 'insolven', 'creditors', 'struggling', 'restructuring', 'reorgani[sz]', 'financial (difficulties|trouble|problems)', 'in trouble', 'furlough', 'short time work', 'wage guarantee', 'cassa integrazione', 'cig\\b', 'unpaid (wages|salaries)', 'not paying (wages|salaries|us)') },
];

type OtherLang = Exclude<Lang, 'it' | 'en'>;

/**
 * The six newer languages, folded like the text: the common words for each kind of crisis. The procedures' Italian
 * names (CIGS, "in deroga", concordato ...) come from the Italian list, read alongside.
 */
const OTHER_CUES: Readonly<Record<OtherLang, Array<Cue<CrisisKind>>>> = {
  ro: [
    { value: 'UNKNOWN', re: anyOfWords('nu stiu(?! daca)', 'habar n am', 'nu ne a spus nimeni') },
    { value: 'NO_CRISIS', re: anyOfWords('nu (e|este) in criza', 'nicio criza', 'merge bine', 'totul (e )?bine') },
    { value: 'CIGO', re: anyOfWords('somaj tehnic') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('concedieri (colective|in masa)', 'concedieri', 'disponibilizari', 'reduceri de personal') },
    { value: 'INSOLVENCY', re: anyOfWords('faliment', 'a dat faliment', 'insolventa') },
    { value: 'RELOCATION', re: anyOfWords('(muta|muti|mutat) productia', 'delocaliz', 'se muta in (alta tara|strainatate)') },
    { value: 'CLOSURE', re: anyOfWords('se inchide', 'inchide', 's a inchis', 'inchis', 'inchidere', 'lichidare') },
    { value: 'OTHER_CRISIS', re: anyOfWords('criza', 'dificultat', 'nu (ne )?platesc salari', 'restructurare') },
  ],
  es: [
    { value: 'UNKNOWN', re: anyOfWords('no (lo )?se(?! si)', 'ni idea', 'nadie (nos|me) dijo') },
    { value: 'NO_CRISIS', re: anyOfWords('no (esta|hay) (en )?crisis', 'ninguna crisis', 'va bien', 'todo (esta )?bien') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('despidos? (colectivos?|masivos?)', 'despidos', 'ere\b', 'excedentes', 'recorte de (personal|plantilla)') },
    { value: 'INSOLVENCY', re: anyOfWords('quiebra', 'bancarrota', 'concurso de acreedores', 'insolvencia') },
    { value: 'RELOCATION', re: anyOfWords('desloc', 'traslad(a|an|o|ar) la (produccion|fabrica)', 'se (va|van) (a otro pais|al extranjero)') },
    { value: 'CLOSURE', re: anyOfWords('cierra', 'cerrar', 'cerro', 'cerrando', 'cerrad', 'cierre', 'liquidacion') },
    { value: 'OTHER_CRISIS', re: anyOfWords('crisis', 'dificultades', 'no (nos )?pagan', 'reestructuracion', 'erte') },
  ],
  fr: [
    { value: 'UNKNOWN', re: anyOfWords('je (ne )?sais pas(?! si)', 'aucune idee', 'personne (ne )?(nous|m) a dit') },
    { value: 'NO_CRISIS', re: anyOfWords('pas en crise', 'aucune crise', 'tout va bien', 'ca va bien') },
    { value: 'CIGO', re: anyOfWords('chomage (partiel|technique)') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('licenciements? (collectifs?|economiques?)', 'licenciements', 'plan social', 'suppressions? de postes?', 'sureffectifs?') },
    { value: 'INSOLVENCY', re: anyOfWords('faillite', 'liquidation judiciaire', 'redressement judiciaire', 'insolvab') },
    { value: 'RELOCATION', re: anyOfWords('delocalis', 'demenag') },
    { value: 'CLOSURE', re: anyOfWords('ferme', 'fermer', 'fermeture', 'liquidation') },
    { value: 'OTHER_CRISIS', re: anyOfWords('crise', 'difficult', '(ne )?paie pas', 'restructuration') },
  ],
  sq: [
    { value: 'UNKNOWN', re: anyOfWords('nuk (e )?di(?! nese)', 's e di', 'askush nuk na tha') },
    { value: 'NO_CRISIS', re: anyOfWords('nuk (eshte )?ne krize', 'asnje krize', 'shkon mire', 'gjithcka mire') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('pushime (kolektive|masive)', 'pushon punetore', 'shkurtime', 'teprice', 'te teper') },
    { value: 'INSOLVENCY', re: anyOfWords('falimentim', 'falimentoi', 'falimentuar', 'ka falimentuar') },
    { value: 'RELOCATION', re: anyOfWords('zhvendos', 'transferon prodhimin') },
    { value: 'CLOSURE', re: anyOfWords('mbyllet', 'mbyll', 'u mbyll', 'mbyllje', 'likuidim') },
    { value: 'OTHER_CRISIS', re: anyOfWords('krize', 'veshtiresi', 'nuk (na )?paguajne', 'ristrukturim') },
  ],
  uk: [
    { value: 'UNKNOWN', re: anyOfWords('не знаю(?! чи)', 'поняття не маю', 'нам ніхто не сказав') },
    { value: 'NO_CRISIS', re: anyOfWords('не в кризі', 'немає кризи', 'все добре', 'все гаразд') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('масов(і|е) звільнення', 'колективн(і|е) звільнення', 'звільнення', 'скорочення', 'скорочують') },
    { value: 'INSOLVENCY', re: anyOfWords('банкрут', 'збанкрут', 'обанкрут', 'неплатоспроможн') },
    { value: 'RELOCATION', re: anyOfWords('переносять виробництво', 'перенос(ить|ять|ити)', 'релокац') },
    { value: 'CLOSURE', re: anyOfWords('закрива', 'закри(вся|лася|ється|ють)', 'закриття', 'ліквідац') },
    { value: 'OTHER_CRISIS', re: anyOfWords('криз', 'труднощі', 'не платять', 'реструктуриз') },
  ],
  ar: [
    { value: 'UNKNOWN', re: anyOfWords('لا اعرف(?! اذا| هل)', 'مش عارف', 'ما حد قال') },
    { value: 'NO_CRISIS', re: anyOfWords('ليست في ازمه', 'لا توجد ازمه', 'مفيش ازمه', 'كل شيء (تمام|بخير)') },
    { value: 'COLLECTIVE_DISMISSAL', re: anyOfWords('تسريح', 'تسرح', 'فصل جماعي', 'الفائض', 'فائض', 'زايدين') },
    { value: 'INSOLVENCY', re: anyOfWords('افلاس', 'افلست', 'مفلسه') },
    { value: 'RELOCATION', re: anyOfWords('نقل (الانتاج|المصنع)', 'تنتقل الى (بلد|دوله) اخر') },
    { value: 'CLOSURE', re: anyOfWords('ستغلق', 'سيغلق', 'تغلق', 'يغلق', 'مغلق', 'اغلاق', 'اغلق', 'هتقفل', 'ستقفل', 'سيقفل', 'بتقفل', 'قفلت', 'تصفيه') },
    { value: 'OTHER_CRISIS', re: anyOfWords('ازمه', 'صعوبات', 'لا يدفعون', 'مش بيدفعوا', 'اعاده هيكله') },
  ],
};

const OTHER_REDUNDANCY_CUES: Readonly<Record<OtherLang, Array<Cue<RedundancyCue>>>> = {
  ro: [
    { value: 'no', re: anyOfWords('fara (concedieri|disponibilizari)', 'nicio (concediere|disponibilizare)') },
    { value: 'unknown', re: anyOfWords('nu stiu', 'habar n am') },
    { value: 'yes', re: anyOfWords('disponibiliz', 'concedieri', 'reduceri de personal') },
  ],
  es: [
    { value: 'no', re: anyOfWords('sin (despidos|excedentes)', 'ningun (despido|excedente)') },
    { value: 'unknown', re: anyOfWords('no (lo )?se', 'ni idea') },
    { value: 'yes', re: anyOfWords('excedentes?', 'despidos', 'sobramos', 'recorte de (personal|plantilla)') },
  ],
  fr: [
    { value: 'no', re: anyOfWords('sans (licenciements|suppressions)', 'aucun (licenciement|sureffectif)', 'aucune suppression') },
    { value: 'unknown', re: anyOfWords('je (ne )?sais pas', 'aucune idee') },
    { value: 'yes', re: anyOfWords('sureffectifs?', 'licenciements', 'suppressions? de postes?', 'plan social') },
  ],
  sq: [
    { value: 'no', re: anyOfWords('pa (pushime|shkurtime)', 'asnje (pushim|shkurtim)') },
    { value: 'unknown', re: anyOfWords('nuk (e )?di', 's e di') },
    { value: 'yes', re: anyOfWords('shkurtime', 'teprice', 'te teper', 'pushime') },
  ],
  uk: [
    { value: 'no', re: anyOfWords('без (скорочень|звільнень)', 'жодних (скорочень|звільнень)') },
    { value: 'unknown', re: anyOfWords('не знаю', 'поняття не маю') },
    { value: 'yes', re: anyOfWords('скорочен', 'скорочують', 'скоротять', 'звільнення') },
  ],
  ar: [
    { value: 'no', re: anyOfWords('بدون (تسريح|فصل)', 'لا يوجد (تسريح|فصل)') },
    { value: 'unknown', re: anyOfWords('لا اعرف', 'مش عارف') },
    { value: 'yes', re: anyOfWords('تسريح', 'تسرح', 'فائض', 'الفائض', 'زايدين', 'فصل') },
  ],
};

function crisisLists(lang: Lang): Array<ReadonlyArray<Cue<CrisisKind>>> {
  if (lang === 'it') return [IT_CUES, EN_CUES];
  if (lang === 'en') return [EN_CUES, IT_CUES];
  return [OTHER_CUES[lang], IT_CUES, EN_CUES];
}

/** The most specific process named wins. */
const SPECIFICITY: CrisisKind[] = ['CIGS', 'CIGD', 'CIGO', 'COLLECTIVE_DISMISSAL', 'INSOLVENCY', 'ARRANGEMENT', 'RELOCATION', 'CLOSURE', 'OTHER_CRISIS'];

function decide(hits: Array<CueHit<CrisisKind>>): CrisisKind | undefined {
  const crises = hits.filter((h) => SPECIFICITY.includes(h.value));
  // a rumour ("ci sono voci di chiusura", "si dice che chiude") is a crisis to be verified, not one known
  const sure = crises.filter((h) => !h.negated && !h.uncertain && !h.rumoured);
  if (sure.length > 0) return SPECIFICITY.find((k) => sure.some((h) => h.value === k));
  const noCrisis = hits.some((h) => h.value === 'NO_CRISIS' && !h.negated && !h.uncertain);
  const unknown = hits.some((h) => h.value === 'UNKNOWN' && !h.negated) || crises.some((h) => h.uncertain || (h.rumoured && !h.negated));
  if (unknown) return 'UNKNOWN';
  // "non è in cassa integrazione", "nessun problema": said not to be in crisis
  if (noCrisis || crises.some((h) => h.negated)) return 'NO_CRISIS';
  return undefined;
}

/**
 * Crisis cues only, for messages that are not an answer to "is your employer in a crisis?" (extractFacts): there
 * a bare "no" or "va bene" says nothing about the employer.
 */
export function recognizeCrisisCues(text: string, lang: Lang): CrisisKind | undefined {
  return crisisCuesRemembered(text, lang);
}

/** The reading of recognizeCrisisCues, remembered: a turn reads the same message for its crisis three times. */
const crisisCuesRemembered = memoizeTextIn(readCrisisCues, 500, 2000);

function readCrisisCues(text: string, lang: Lang): CrisisKind | undefined {
  // both lists at once: the Italian names of the procedures turn up in English messages ("we are in CIGS")
  // "non sono previsti esuberi", "senza esuberi" say how a crisis goes, not that there is none (nor that there are
  // dismissals): the redundancy words are left out of the crisis reading then
  const read = recognizeRedundancies(text, lang) === 'no' ? text.replace(/esuber[oi]|redundanc(y|ies)|layoffs?/giu, 'x') : text;
  const [own, ...others] = crisisLists(lang).map((cues) => findCues(read, cues, lang));
  // the worker's own words said "no crisis" ("no está en crisis"): the other lists would read "crisi" in it
  if (lang !== 'it' && lang !== 'en' && decide(own) === 'NO_CRISIS') return 'NO_CRISIS';
  return decide([...own, ...others.flat()]);
}

/** employer's crisis process; 'UNKNOWN' when the user says they don't know; undefined when nothing recognisable */
export function recognizeCrisis(text: string, lang: Lang): CrisisKind | undefined {
  // what a hope speaks of is not the firm's state: "sí, ojalá que no cierre" is no "no closure"
  const said = beforeHope(text);
  const cues = said === '' ? undefined : recognizeCrisisCues(said, lang);
  if (cues !== undefined) return cues;
  // a bare answer to the question: "sì" (a crisis, kind not said), "no", "non lo so"; "ok" alone answers nothing
  const answer = recognizeFactualYesNo(text, lang);
  if (answer === true) return 'OTHER_CRISIS';
  if (answer === false) return 'NO_CRISIS';
  if (answer === 'unknown') return 'UNKNOWN';
  return undefined;
}

/** What a message says about redundancies: 'yes' foreseen, 'no' none, 'unknown' the person does not know. */
export type RedundancyAnswer = 'yes' | 'no' | 'unknown';

type RedundancyCue = RedundancyAnswer;

/**
 * Redundancy cues. The explicit negative forms come first so that their words are consumed ("senza esuberi",
 * "nessun esubero" must not also count as "esuberi"); a plain "esuberi" after "non" ("non sono previsti esuberi")
 * is negated by the cue engine.
 */
const IT_REDUNDANCY_CUES: Array<Cue<RedundancyCue>> = [
  {
    value: 'no',
    re: anyOf(
      'senza (alcun |nessun |degli )?(esuber[oi]|licenziament[oi]|tagli)',
      'nessun[oa]? (esubero|esuberi|licenziamento|taglio|eccedenza)',
      'niente (esuberi|licenziamenti|tagli)',
      'zero (esuberi|licenziamenti)',
      'esuberi (non ce ne sono|non ci sono|non sono previsti|non previsti|no\\b|zero|nessuno)',
      // "è" folds to "e", which also ends a negation's reach: the usual negative forms are spelt out
      'non (ci sono|ci saranno|ci sara|sono previsti|sono previste|e previsto|e prevista|si prevedono|prevede|prevedono|hanno previsto|ha previsto|avremo|avra) (ne |alcun[oa]? |nessun[oa]? |degli |dei |delle )?(esuber[oi]|licenziament[oi]|tagli|eccedenz[ae])',
      'esclud(e|ono) (gli |ogni |qualsiasi |qualunque )?(esuber[oi]|licenziament[oi])',
      'nessuno (verra|sara|e stato|viene|verremo) (licenziat[oa]|messo in esubero|mandato a casa|lasciato a casa)',
      'non licenzier(a|anno) nessuno',
      'tutti (rientreranno|rientriamo|torneremo|torniamo|rientrano|tornano) (al lavoro|a lavorare|in azienda)?',
      'rientr(eremo|eranno|o) tutti',
      'rientro di tutti',
    ),
  },
  {
    value: 'unknown',
    re: anyOf(
      'non (lo |ne )?so\\b',
      'non saprei',
      'boh\\b',
      'non (ne )?ho idea',
      'non (ce |me |ci )?l hanno (ancora )?detto',
      'nessuno (ce |me |mi )?l ha detto',
      'non e (ancora )?chiaro',
      '(ancora )?non si sa',
      'non (si )?e ancora deciso',
      'da decidere',
      '(devo|dovrei|posso|vado a) chiedere',
      'chiedero',
    ),
  },
  {
    value: 'yes',
    re: anyOf(
      'esuber[oi]\\b',
      'eccedenz[ae]',
      'personale in eccedenza',
      'licenziament[oi]',
      'licenzier',
      'tagli(o)? (del|di|al) personale',
      'tagli(o)? (dei|di) posti',
      'riduzione (del|di) personale',
      'posti (di lavoro )?(tagliati|in meno|a rischio)',
      '(non|mai piu) (rientreremo|rientreranno|rientrera|torneremo|torneranno|tornera)',
      '(ci saranno|sono previsti|faranno|prevedono) (dei |degli )?tagli',
      'lasceranno a casa',
      'mobilita\\b',
    ),
  },
];

const EN_REDUNDANCY_CUES: Array<Cue<RedundancyCue>> = [
  {
    value: 'no',
    re: anyOf(
      'no (redundancies|redundancy|layoffs?|job cuts|dismissals)',
      'without (any )?(redundancies|layoffs|job cuts)',
      'zero (redundancies|layoffs)',
      'everyone (will )?(go|goes|come|comes) back',
      '(nobody|no one|noone) (will be|is going to be|gets|will get) (laid off|fired|made redundant|dismissed)',
    ),
  },
  { value: 'unknown', re: anyOf('(i )?(don t|do not|dont) know\\b', 'not sure\\b', 'no idea', 'dunno', 'nobody told (me|us)', 'not (yet )?decided', 'unclear') },
  { value: 'yes', re: anyOf('redundanc(y|ies)', 'made redundant', 'layoffs?\\b', 'laid off', 'job cuts', 'dismissals?', 'cutting (jobs|staff)', 'jobs? (will be )?(cut|lost)', 'surplus staff') },
];

/**
 * Whether the agreements foresee redundancies (esuberi), from a message: "non sono previsti esuberi", "nessun
 * esubero", "senza esuberi" -> 'no'; "ci sono 40 esuberi", "sono previsti esuberi" -> 'yes'; "non lo so" ->
 * 'unknown'. Undefined when the message says nothing about it. A bare "sì"/"no" is not read here: it answers the
 * redundancy question only when that question was asked (the dialog reads it with recognizeFactualYesNo).
 */
export function recognizeRedundancies(text: string, lang: Lang): RedundancyAnswer | undefined {
  return redundanciesRemembered(text, lang);
}

/** The reading of recognizeRedundancies, remembered (each crisis reading asks it too). */
const redundanciesRemembered = memoizeTextIn(readRedundancies, 500, 2000);

function readRedundancies(text: string, lang: Lang): RedundancyAnswer | undefined {
  const lists = lang === 'it' ? [IT_REDUNDANCY_CUES, EN_REDUNDANCY_CUES] : lang === 'en' ? [EN_REDUNDANCY_CUES, IT_REDUNDANCY_CUES] : [OTHER_REDUNDANCY_CUES[lang], IT_REDUNDANCY_CUES, EN_REDUNDANCY_CUES];
  const hits = lists.flatMap((cues) => findCues(text, cues, lang));
  const said = hits.filter((h) => !h.uncertain && !h.rumoured);
  const explicitNo = said.some((h) => h.value === 'no' && !h.negated);
  const yes = said.some((h) => h.value === 'yes' && !h.negated);
  const doubt = hits.some((h) => h.uncertain || h.rumoured) || hits.some((h) => h.value === 'unknown' && !h.negated);
  // "I don't know about redundancies": the doubt, not a negated "redundancies"
  if (doubt && !explicitNo && !yes) return 'unknown';
  const no = explicitNo || said.some((h) => h.value === 'yes' && h.negated);
  if (yes && !no) return 'yes';
  if (no && !yes) return 'no';
  // both said: an operator checks
  return yes || no ? 'unknown' : undefined;
}

/** Cassa integrazione named without its kind: "sono in cassa integrazione", "in cassa a zero ore", "CIG", furlough. */
const UNNAMED_INCOME_SUPPORT: Array<Cue<true>> = [
  { value: true, re: anyOf('cassa ?integrazione', 'cassa ?integrat[oaie]', 'cassintegrat[oaie]', '(?<!lavoro )in cassa\\b', 'cig\\b', 'a zero ore', 'furlough(ed)?\\b', 'wage guarantee') },
];

/**
 * Whether the message speaks of cassa integrazione without saying which (straordinaria, in deroga, ordinaria). The
 * call names CIGS and CIGD for workers still employed, so the dialog asks which when it decides the outcome.
 */
export function mentionsUnnamedIncomeSupport(text: string, lang: Lang): boolean {
  const named = recognizeCrisisCues(text, lang);
  if (named === 'CIGS' || named === 'CIGD' || named === 'CIGO') return false;
  return findCues(text, UNNAMED_INCOME_SUPPORT).some((h) => !h.negated);
}
