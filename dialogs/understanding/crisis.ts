/**
 * The employer's crisis process from free text, in Italian and English.
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
import { anyOf, findCues, type Cue, type CueHit } from './cues';
import type { CrisisKind, Lang } from './types';
import { recognizeYesNo } from './yesNo';

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
  { value: 'CLOSURE', re: anyOf('liquidation', 'liquidator', 'clos(ing|ure|es|ed) down', 'closure', 'closing\\b', 'shut(ting)? down', 'shuts? down', '(will|to|going to) close', 'is closing', 'ceas(e|ing) (trading|operations|activity)', 'wind(ing)? down') },
  { value: 'OTHER_CRISIS', re: anyOf('crisis', 'insolven', 'creditors', 'struggling', 'restructuring', 'reorgani[sz]', 'financial (difficulties|trouble|problems)', 'in trouble', 'furlough', 'short time work', 'wage guarantee', 'cassa integrazione', 'cig\\b', 'unpaid (wages|salaries)', 'not paying (wages|salaries|us)') },
];

/** The most specific process named wins. */
const SPECIFICITY: CrisisKind[] = ['CIGS', 'CIGD', 'CIGO', 'COLLECTIVE_DISMISSAL', 'INSOLVENCY', 'ARRANGEMENT', 'RELOCATION', 'CLOSURE', 'OTHER_CRISIS'];

function decide(hits: Array<CueHit<CrisisKind>>): CrisisKind | undefined {
  const crises = hits.filter((h) => SPECIFICITY.includes(h.value));
  const sure = crises.filter((h) => !h.negated && !h.uncertain);
  if (sure.length > 0) return SPECIFICITY.find((k) => sure.some((h) => h.value === k));
  const noCrisis = hits.some((h) => h.value === 'NO_CRISIS' && !h.negated && !h.uncertain);
  const unknown = hits.some((h) => h.value === 'UNKNOWN' && !h.negated) || crises.some((h) => h.uncertain);
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
  // both lists at once: the Italian names of the procedures turn up in English messages ("we are in CIGS")
  const [first, second] = lang === 'en' ? [EN_CUES, IT_CUES] : [IT_CUES, EN_CUES];
  // "non sono previsti esuberi", "senza esuberi" say how a crisis goes, not that there is none (nor that there are
  // dismissals): the redundancy words are left out of the crisis reading then
  const read = recognizeRedundancies(text, lang) === 'no' ? text.replace(/esuber[oi]|redundanc(y|ies)|layoffs?/giu, 'x') : text;
  return decide([...findCues(read, first), ...findCues(read, second)]);
}

/** employer's crisis process; 'UNKNOWN' when the user says they don't know; undefined when nothing recognisable */
export function recognizeCrisis(text: string, lang: Lang): CrisisKind | undefined {
  const cues = recognizeCrisisCues(text, lang);
  if (cues !== undefined) return cues;
  // a bare answer to the question: "sì" (a crisis, kind not said), "no", "non lo so"
  const answer = recognizeYesNo(text, lang);
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
 * redundancy question only when that question was asked (the dialog reads it with recognizeYesNo).
 */
export function recognizeRedundancies(text: string, lang: Lang): RedundancyAnswer | undefined {
  const [first, second] = lang === 'en' ? [EN_REDUNDANCY_CUES, IT_REDUNDANCY_CUES] : [IT_REDUNDANCY_CUES, EN_REDUNDANCY_CUES];
  const hits = [...findCues(text, first), ...findCues(text, second)];
  const said = hits.filter((h) => !h.uncertain);
  const explicitNo = said.some((h) => h.value === 'no' && !h.negated);
  const yes = said.some((h) => h.value === 'yes' && !h.negated);
  const doubt = hits.some((h) => h.uncertain) || hits.some((h) => h.value === 'unknown' && !h.negated);
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
