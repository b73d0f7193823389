/**
 * The worker's employment situation from free text:
 *  AT_RISK     still employed at a firm in crisis, on the way out (cassa integrazione, esuberi, "sto per essere
 *              licenziato", "l'azienda chiude ma lavoro ancora", furlough);
 *  UNEMPLOYED  already out and without a job (licenziato, disoccupato, NASpI, "a casa da marzo", laid off);
 *  REEMPLOYED  working again elsewhere ("ho trovato lavoro", "sono stato riassunto", found a new job);
 *  OTHER       retired, student, self-employed...
 *
 * Cues are ordered so that the specific reading consumes its words first: "sto per essere licenziato" is AT_RISK
 * before "licenziato" can say UNEMPLOYED, "cerco un altro lavoro" is looking before "altro lavoro" says working
 * again. Negated cues do not count ("non sono più in cassa"); a negated "found a job" means still looking ("non ho
 * ancora trovato lavoro" -> UNEMPLOYED). Weak cues decide only when nothing stronger is said: "sono a casa in
 * cassa integrazione" is AT_RISK.
 */
import { anyOf, anyOfWords, findCues, type Cue, type CueHit } from './cues';
import type { EmploymentStatus, Lang } from './types';

/**
 * Cue value: a status, a reading that says what the person is not (yet), or the employer's crisis told without a word
 * about the person (read as AT_RISK, but it is the bot's inference, not something the person said).
 */
type StatusCue = EmploymentStatus | 'NOT_YET_DISMISSED' | 'NOT_FOUND_JOB' | 'EMPLOYER_CRISIS';

const IT_CUES: Array<Cue<StatusCue>> = [
  // what the person is not (yet)
  {
    value: 'NOT_YET_DISMISSED',
    re: anyOf('non (sono|siamo) (ancora )?stat[oaie] (ancora )?licenziat[oaie]', 'non (mi|ci) hanno (ancora )?licenziat[oaie]', 'non ancora licenziat[oaie]'),
  },
  {
    value: 'NOT_FOUND_JOB',
    re: anyOf(
      'non (ho|abbiamo) (ancora |piu |mai )?trovato (niente|nulla|un (altro |nuovo )?(lavoro|impiego|posto)|lavoro|impiego|un altra occupazione|occupazione)',
      'non trovo (lavoro|niente|nulla|un lavoro|occupazione)',
    ),
  },
  {
    value: 'UNEMPLOYED',
    re: anyOf('non lavoro (piu|ormai|da)\\b', 'non (ho|abbiamo) piu (un |il )?(lavoro|impiego|posto)', 'non sto piu lavorando', 'non ho (piu )?uno stipendio', 'non ho (un )?(lavoro|impiego|occupazione)\\b'),
  },
  { value: 'UNEMPLOYED', weak: true, re: anyOf('non lavoro\\b', 'non sto lavorando') },
  // on the way out: future, fear or risk of dismissal; procedures under way
  {
    value: 'AT_RISK',
    re: anyOf(
      '(sto per|stiamo per|stanno per|rischio di|rischiamo di|paura di|temo di|potrei|potremmo|dovrei|dovremmo|devo|dobbiamo|saro|sara|saremo|verro|verremo|vogliono|possono) (essere )?licenzia(t[oaie]|rmi|rci|re)\\b',
      '(mi|ci|li) licenzier',
      'licenzieranno',
      'sta(nno)? licenziando',
      'vogliono licenziare',
      '(in attesa di|aspetto di|attendo di|aspettando di) (essere )?licenzia',
      '(mi|ci) (lasciano|lasceranno|mandano|manderanno|mettono|metteranno) (a casa|via|in cassa|in mobilita)',
    ),
  },
  {
    value: 'AT_RISK',
    re: anyOf(
      '(rischio|rischiamo|rischia)( di perdere)? (il )?(licenziamento|posto|lavoro)',
      '(paura|timore|rischio|temo|rischiamo) di perdere (il |l |mio )?(lavoro|posto|impiego)',
      'perdere il (lavoro|posto)',
      '(posto|lavoro) a rischio',
      'a rischio licenziamento',
      'rischio (di )?licenziamento',
      '(sto|stiamo) per perdere (il )?(lavoro|posto)',
      'perdero il (lavoro|posto)',
      'potrei perdere (il )?(lavoro|posto)',
    ),
  },
  {
    value: 'AT_RISK',
    re: anyOf('(in |tra gli |fra gli |negli )?esuber[oi]\\b', 'licenziament[oi] collettiv[oi]', 'procedura di (licenziamento|mobilita)', '(in|lista di|liste di) mobilita', 'preavviso'),
  },
  {
    value: 'AT_RISK',
    re: anyOf(
      'cassa ?integrazione',
      'cassa ?integrat[oaie]',
      'cassintegrat[oaie]',
      '(?<!lavoro )in cassa\\b',
      'cig[sdo]?\\b',
      'cassa (ordinaria|straordinaria|in deroga)',
      'contratto di solidarieta',
      'in solidarieta',
      'fondo di integrazione salariale',
      'fis\\b',
      'sospes[oaie] (dal lavoro|a zero ore)',
      'a zero ore',
    ),
  },
  {
    value: 'AT_RISK',
    re: anyOf(
      '(lavoro|lavoriamo) ancora',
      '(sto|stiamo) ancora lavorando',
      '(sono|siamo) ancora (in servizio|dipendent[ei]|assunt[oaie]|occupat[oaie]|in azienda|li|la|a lavorare|al lavoro|sotto contratto)',
      'ancora (in forza|in organico)',
      'per ora lavoro',
      '(lavoro|lavoriamo|sto lavorando|stiamo lavorando) (normalmente|regolarmente|come sempre|come prima)',
      '(continuo|continuiamo) a lavorare',
    ),
  },
  // already out
  {
    value: 'UNEMPLOYED',
    re: anyOf('licenziat[oaie]\\b', 'mi hanno (mandato|mandata) via', '(sono|siamo) stat[oaie] mandat[oaie] via', 'disoccupat[oaie]', 'disoccupazione', 'naspi\\b', 'dis ?coll\\b', 'indennita di (disoccupazione|mobilita)', 'inoccupat[oaie]'),
  },
  {
    value: 'UNEMPLOYED',
    re: anyOf(
      'senza (un )?(lavoro|impiego|occupazione|stipendio)',
      '(ho|abbiamo) perso (il |l |mio |un )*(lavoro|posto|impiego|occupazione)',
      'perso il (mio )?(lavoro|posto)',
      'rimast[oaie] (senza lavoro|a piedi|disoccupat[oaie])',
      'a spasso\\b',
      '(mi sono|ci siamo) dimess[oaie]',
      'dimess[oaie]\\b',
      '(dato|rassegnato|presentato) (le )?(mie )?dimissioni',
      'contratto (e |mi e )?(scaduto|terminato|finito|cessato|non rinnovato)',
      'non (mi )?hanno rinnovato (il )?contratto',
      'fine contratto',
      'ex dipendente',
      'non lavoro piu',
    ),
  },
  {
    value: 'UNEMPLOYED',
    weak: true,
    re: anyOf(
      '(sono|sto|resto|siamo|stiamo|mi trovo|rimast[oaie]) a casa\\b',
      '^a casa\\b',
      '(mandat[oaie]|mess[oaie]|lasciat[oaie]) a casa',
      '(cerco|cercando|in cerca di|alla ricerca di) (un |una )?(altro |nuovo |altra )?(lavoro|impiego|occupazione)',
      'centro per l impiego',
      'cpi\\b',
      '(azienda|ditta|fabbrica|societa|impresa|stabilimento|negozio) (ha chiuso|e chiusa|ha cessato|e fallita|ha fallito)',
      '(che|quando|dopo che) (ha|hanno) (chiuso|cessato|fallito)\\b',
      '(che|quando|dopo che) (e|sono) (chiusa|chiuse|fallita|fallite)\\b',
      'ero (dipendente|operai[oa]|impiegat[oa])',
    ),
  },
  // working again
  {
    value: 'REEMPLOYED',
    re: anyOf(
      '(ho |abbiamo )?trovato (un |una |il )?(nuov[oa] |altr[oa] |un altr[oa] )?(lavoro|impiego|posto|occupazione)',
      '(nuov[oa]|altr[oa]) (lavoro|impiego|posto di lavoro|occupazione|contratto|datore di lavoro|assunzione)\\b',
      '(sono stat[oa] |mi hanno |ci hanno |siamo stat[ie] )?(ri)?assunt[oaie]\\b',
      'ricollocat[oaie]',
      'rioccupat[oaie]',
      '(ho |abbiamo )?(ripreso|ricominciato|iniziato|cominciato) a lavorare',
      '(sono|siamo) tornat[oaie] a lavorare',
      'lavoro di nuovo',
      'di nuovo (al lavoro|occupat[oaie]|a lavorare)',
      'lavoro altrove',
      'lavoro da un altra parte',
      '(lavoro|rientrat[oaie]|passat[oaie]|entrat[oaie]|impiegat[oaie]|occupat[oaie])( al lavoro| a lavorare)? (in|per|presso|da|con) (un )?altr[oa] (ditta|azienda|societa|impresa|fabbrica|datore)',
      '(ho )?firmato (un |il )?(nuovo )?contratto',
      '(ora|adesso|oggi) lavoro\\b',
      'lavoro (ora|adesso|oggi) (in|per|presso|da|come|con|a|alla|nella)\\b',
      'ho un (nuovo )?(lavoro|impiego) (nuovo|diverso)',
      'ho un nuovo (lavoro|impiego)',
    ),
  },
  { value: 'REEMPLOYED', weak: true, re: anyOf('ho un (lavoro|impiego|contratto)\\b', 'sono occupat[oa]\\b') },
  // other situations
  {
    value: 'OTHER',
    re: anyOf('pension(at[oaie]|e)\\b', 'student(e|essa|i)\\b', 'studio\\b', '(faccio|frequento) (l )?universita', 'casaling[ao]', 'partita iva', 'libero professionista', 'lavoratore autonomo', 'autonom[oa]\\b', 'freelance\\b', 'imprenditor[ei]', 'titolare\\b'),
  },
  // the employer's crisis, when nothing is said of the person
  {
    value: 'EMPLOYER_CRISIS',
    weak: true,
    re: anyOf('(azienda|ditta|fabbrica|societa|impresa|stabilimento) (chiude|sta chiudendo|chiudera|e in crisi|in crisi|sta fallendo|fallisce|delocalizza|si trasferisce)', 'chiud(e|ono|era|eranno)\\b', 'sta(nno)? (per )?chiud(endo|ere)', 'in crisi\\b', '(ha|hanno) licenziato (\\d+|molti|alcuni|parte|decine|centinaia|colleghi)'),
  },
];

const EN_CUES: Array<Cue<StatusCue>> = [
  { value: 'NOT_YET_DISMISSED', re: anyOf('(haven t|have not|wasn t|was not|hasn t|has not) (yet )?been (laid off|fired|made redundant|let go|dismissed)', 'not (been )?(laid off|fired|made redundant) yet') },
  { value: 'NOT_FOUND_JOB', re: anyOf('(haven t|have not|didn t|did not|can t|cannot|couldn t) (yet )?(found|find|get|got) (a |another |any |a new )?(new )?(job|work|position)', 'no luck finding') },
  { value: 'UNEMPLOYED', re: anyOf('no longer (working|employed|work)\\b', 'not working (anymore|any more)', '(don t|do not) have (a )?(job|work)\\b', '(don t|do not) work (anymore|any more)', 'i have no job', 'i m not working') },
  {
    value: 'AT_RISK',
    re: anyOf(
      '(about to|going to|gonna|will|might|may|could|expect to|afraid i ll|fear i ll|likely to|i ll) (be |get )?(laid off|made redundant|fired|let go|dismissed|lose (my|our|the) jobs?)',
      'to be (laid off|made redundant|fired|let go|dismissed)',
      '(will|going to|gonna|might|could|i ll) lose (my|our|the) (job|jobs|position)',
      'at risk\\b',
      'being (laid off|made redundant|let go|dismissed)',
      '(at risk of|facing|threat of|risk of) (redundancy|redundancies|layoffs?|being laid off|dismissal|losing my job|job loss)',
      '(my )?job is at risk',
      'on notice',
      'notice period',
      'under notice',
    ),
  },
  {
    value: 'AT_RISK',
    re: anyOf('furlough(ed)?\\b', 'temporary layoff', 'short time work', 'reduced hours', 'wage (guarantee|supplementation)', 'redundanc(y|ies)\\b', 'collective (dismissal|redundanc)', 'layoffs\\b', 'job cuts', 'cassa integrazione', 'cig[sdo]?\\b'),
  },
  { value: 'AT_RISK', re: anyOf('still (employed|working|work|on the payroll|have (my|a) job|at the company|there|under contract)\\b') },
  {
    value: 'UNEMPLOYED',
    re: anyOf(
      '(laid off|made redundant|fired|let go|dismissed|sacked)\\b',
      'lost (my|the|our) (job|jobs|position|work)',
      'unemployed\\b',
      'jobless\\b',
      'out of (work|a job)',
      'without (a )?(job|work)',
      'between jobs',
      'unemployment (benefit|benefits|allowance)',
      'naspi\\b',
      'on benefits',
      'job ?seeker',
      '(quit|resigned|left) (my|the) job',
      'i resigned',
      'contract (ended|expired|was not renewed|wasn t renewed|not renewed|ran out)',
    ),
  },
  {
    value: 'UNEMPLOYED',
    weak: true,
    // before the "working again" cues, so that "looking for work at another company" stays looking
    re: anyOf(
      '(looking|searching) for (a |another |a new )?(new )?(job|work|position)( (at|for|with|in) (another|a different|a new) (company|employer|firm))?',
      'job (hunting|searching)',
      '(company|factory|plant|employer) (closed|shut down|went bankrupt|went bust)',
    ),
  },
  {
    value: 'REEMPLOYED',
    re: anyOf(
      '(found|got|landed|started|accepted) (a |another |a new |my new )?(new )?(job|position|role)\\b',
      'new (job|position|employer|role)\\b',
      '(working|employed) again',
      'back (at|to) work',
      're ?employed',
      're ?hired',
      '(i ve been|i have been|i was|i got|got|been) hired',
      'work elsewhere',
      'now (i )?work (at|for|in|as)',
      'i now work',
      'i m now working',
      'signed a (new )?contract',
      '(started|began|start) (working|a job|work) (at|for|with|in)',
      '(at|for|with|joined) (another|a different|a new) (company|employer|firm|business)',
      '(work|working) (somewhere else|elsewhere)',
      'found (something|work|employment)\\b',
    ),
  },
  { value: 'REEMPLOYED', weak: true, re: anyOf('i have a job\\b', 'currently work (at|for|as)') },
  { value: 'OTHER', re: anyOf('retired\\b', 'retirement\\b', 'pensioner\\b', 'student\\b', 'studying\\b', 'homemaker\\b', 'housewife\\b', 'self employed', 'freelancer?\\b', 'own business') },
  {
    value: 'EMPLOYER_CRISIS',
    weak: true,
    re: anyOf(
      '(company|factory|plant|employer) is (closing|shutting|in crisis|in trouble|going bankrupt|relocating|struggling)',
      'crisis\\b',
      '(will|going to|is going to|about to|set to|plans to|to) (close|shut)\\b',
      'contract (ends|will end|expires|is ending|runs out)',
    ),
  },
];

/** A later stage of the path wins when several are told ("ero in cassa, poi sono stato licenziato"). */
const PRECEDENCE: EmploymentStatus[] = ['REEMPLOYED', 'UNEMPLOYED', 'AT_RISK', 'OTHER'];

function toStatus(value: StatusCue): EmploymentStatus {
  if (value === 'NOT_YET_DISMISSED' || value === 'EMPLOYER_CRISIS') return 'AT_RISK';
  if (value === 'NOT_FOUND_JOB') return 'UNEMPLOYED';
  return value;
}

function decide(hits: Array<CueHit<StatusCue>>): EmploymentStatus | undefined {
  const live = hits.filter((h) => !h.negated && !h.uncertain);
  // "not yet dismissed" and "not found a job" tell only part of the story: anything else said wins
  const partial = (h: CueHit<StatusCue>): boolean => h.weak || h.value === 'NOT_FOUND_JOB' || h.value === 'NOT_YET_DISMISSED';
  const strong = live.filter((h) => !partial(h));
  const hinted = live.filter(partial);
  // a negated "found a job" that no explicit cue caught ("non l'ho trovato, un lavoro") still means looking
  const negatedFound = hits.filter((h) => h.negated && h.value === 'REEMPLOYED');
  for (const pool of [strong, hinted]) {
    if (pool.length === 0) continue;
    // the present wins over the past: "ero in cassa, ora ho un nuovo lavoro"
    const current = pool.filter((h) => h.current);
    const statuses = (current.length > 0 ? current : pool).map((h) => toStatus(h.value));
    return PRECEDENCE.find((s) => statuses.includes(s));
  }
  return negatedFound.length > 0 ? 'UNEMPLOYED' : undefined;
}

/**
 * The cues of the six newer languages, folded like the text (no accents, Arabic letter forms unified). Shorter than
 * Italian's: the common ways to say each situation, by stem. Italian words workers use in any language ("cassa
 * integrazione", "NASpI") come from the Italian list, read after the worker's own.
 */
const OTHER_CUES: Readonly<Record<Exclude<Lang, 'it' | 'en'>, Array<Cue<StatusCue>>>> = {
  ro: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('nu (am fost|sunt) (inca )?(concediat|concediata|dat afara|data afara)', 'nu m au (inca )?(concediat|concediata|dat afara|data afara)', 'inca nu (am fost |sunt |m au )?(concediat|concediata|dat afara|data afara)') },
    { value: 'REEMPLOYED', re: anyOfWords('(mi )?(am )?gasit (deja )?(un )?(alt|nou) (loc de munca|serviciu|job|lucru)', '(mi )?am gasit (de )?lucru', 'lucrez (acum )?(la|in|pentru) (o )?(alta|noua) (firma|companie|fabrica)', 'acum lucrez la alta', 'm au (re)?angajat', 'reangajat', 'am (un )?(nou|alt) (loc de munca|serviciu|job)') },
    { value: 'AT_RISK', re: anyOfWords('somaj tehnic', 'disponibiliz', 'concedieri', '(o sa|vor|urmeaza sa|risc sa|pot sa) (ma )?(concedieze|fiu concediat|dea afara)', 'inca lucrez', 'lucrez inca', '(mai|inca) am contract', 'sunt pe lista', 'se inchide', 'o sa se inchida', 'va inchide', 'in criza') },
    { value: 'UNEMPLOYED', re: anyOfWords('concediat', 'dat afara', 'm au dat afara', 'somer', 'fara (loc de munca|lucru|serviciu|job)', 'nu (mai )?lucrez', 'nu am (loc de munca|serviciu|lucru)', 'nu (am )?(mai )?gasit (inca )?(altceva|alt|nimic|de lucru|lucru|un loc|loc|serviciu)', 'inca nu am gasit', 'stau acasa', 'am ramas fara', 's a inchis') },
  ],
  es: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(todavia|aun) no (me )?(han|ha) (despedido|echado)', 'no me (han|ha) (despedido|echado) (todavia|aun)', '(todavia|aun) no (estoy|he sido) despedid[oa]', 'no (estoy|he sido) (todavia |aun )?despedid[oa]') },
    { value: 'REEMPLOYED', re: anyOfWords('(ya )?encontre (otro |un |un nuevo |nuevo )?(trabajo|empleo|curro)', 'trabajo en otra (empresa|fabrica|compania)', 'ahora trabajo en', '(me )?(volvieron|han vuelto) a contratar', 'recontratad', 'tengo (un )?(nuevo|otro) (trabajo|empleo)') },
    { value: 'AT_RISK', re: anyOfWords('erte', 'excedente', 'sobramos', 'despidiendo', '(me |nos )?(van a|quieren|pueden) despedir', 'todavia trabajo', 'aun trabajo', 'sigo (trabajando|con contrato)', 'va a cerrar', 'cierra', 'cerrando', 'en crisis') },
    { value: 'UNEMPLOYED', re: anyOfWords('despedid', 'me despidieron', 'me echaron', 'desemplead', 'parad[oa]', 'sin (trabajo|empleo)', 'no trabajo', 'me quede sin', 'en (el )?paro', 'no (he )?encontrado (todavia |aun )?(nada|otro|trabajo|empleo)', '(todavia|aun) no (he )?encontrado', 'no encontre (nada|trabajo|otro)', 'cerro', 'en casa') },
  ],
  fr: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(je )?(n ai|ne suis) pas (encore )?(ete )?licencie', 'on ne m a pas (encore )?licencie', 'pas encore (ete )?licencie') },
    { value: 'REEMPLOYED', re: anyOfWords('(deja )?(re)?trouve (un |un autre |un nouveau )?(travail|emploi|boulot|poste)', '(travaille|bosse) (maintenant )?dans une autre (entreprise|boite|societe|usine)', 'maintenant je (travaille|bosse)', 'reembauch', 'rembauch', 'un nouveau (travail|emploi|boulot)') },
    { value: 'AT_RISK', re: anyOfWords('chomage partiel', 'chomage technique', 'suppressions? de postes?', 'plan social', 'licenciements', '(vais|va|vont|risque d) (etre )?licenci', 'travaille encore', 'toujours (salarie|en poste|employe)', 'sur la liste', 'va fermer', 'ferme bientot', 'en crise') },
    { value: 'UNEMPLOYED', re: anyOfWords('licencie', 'vire', 'au chomage', 'chomeur', 'chomeuse', 'sans (emploi|travail|boulot)', 'je ne travaille (pas|plus)', 'pas (encore )?(re)?trouve', 'rien (re)?trouve', 'a la maison', 'a ferme') },
  ],
  sq: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('nuk (me )?(kane|kan) (pushuar|hequr)( nga puna)?( ende| akoma)?', 'nuk jam (pushuar|larguar)( ende| akoma)?', '(ende|akoma) nuk (me )?(kane|kan) pushuar') },
    { value: 'REEMPLOYED', re: anyOfWords('gjeta (nje )?(pune|vend pune)', 'gjeta pune', '(kam gjetur|gjeta) (nje )?(pune )?(tjeter|te re)', 'punoj (tani )?(ne|per) (nje )?(kompani|firme|fabrike) tjeter', 'tani punoj', 'me punesuan (perseri|serish|perseri)', 'me morren perseri', 'rripunesuar') },
    { value: 'AT_RISK', re: anyOfWords('teprice', 'te teper', 'pushon punetore', '(do te|mund te) (me )?pushojne', 'punoj ende', 'ende punoj', 'ende kontrat', 'kontraten ende', 'po mbyllet', 'do te mbyllet', 'ne krize') },
    { value: 'UNEMPLOYED', re: anyOfWords('me pushuan', 'pushuar nga puna', 'i papune', 'e papune', 'pa pune', 'nuk punoj', 'nuk (kam )?gjetur (ende |akoma )?(pune|asgje|gje)', '(ende|akoma) nuk kam gjetur', 'mbeta pa', 'ne shtepi', 'u mbyll') },
  ],
  uk: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(мене )?(ще|поки що|поки) не звільнили', 'не звільнили (ще|поки)', 'я (ще|поки) не звільнен') },
    { value: 'REEMPLOYED', re: anyOfWords('знайш(ов|ла) (вже )?(іншу |нову )?роботу', 'вже знайш', 'працюю (тепер )?(в|на|у) (іншій|новій|іншому)', 'тепер працюю', 'знову взяли', 'знову працюю', 'нова робота') },
    { value: 'AT_RISK', re: anyOfWords('скорочен', 'скорочують', 'скоротять', 'звільнять', '(можуть|хочуть) звільнити', 'ще працюю', 'досі працюю', 'ще є контракт', 'закривається', 'закриється', 'в кризі') },
    { value: 'UNEMPLOYED', re: anyOfWords('звільнили', 'звільнен', 'безробітн', 'без роботи', 'не працюю', 'сиджу вдома', 'вдома', 'закрився', 'закрилася') },
  ],
  ar: [
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('لم (يطردوني|يفصلوني|يتم فصلي|اطرد|افصل)( بعد)?', 'لسه ما (طردوني|فصلوني)', 'ما (طردوني|فصلوني) (بعد|لسه)') },
    { value: 'REEMPLOYED', re: anyOfWords('وجدت (عمل|شغل|وظيفه)', '(?<!ما )لقيت (عمل|شغل|وظيفه)', '(اعمل|اشتغل) (الان |دلوقتي )?في (شركه|مصنع) (اخرى|ثانيه|جديده)', 'وظفوني', 'رجعت اشتغل', 'عمل جديد', 'شغل جديد', 'عمل اخر', 'شغل اخر') },
    { value: 'AT_RISK', re: anyOfWords('تسرح', 'تسريح', 'الفائض', 'زايدين', 'فائض', 'سيطردون', 'ما زلت اعمل', 'مازلت اعمل', 'لسه (بشتغل|اشتغل)', 'عندي عقد', 'ستغلق', 'سوف تغلق', 'هتقفل', 'في ازمه') },
    { value: 'UNEMPLOYED', re: anyOfWords('طردوني', 'تم فصلي', 'فصلوني', 'مفصول', 'عاطل', 'بدون (عمل|شغل)', 'بلا عمل', 'لا اعمل', 'ما بشتغل', 'لم اجد', 'لم اعثر', 'ما لقيت', 'مالقيت', 'في البيت', 'اغلق', 'قفل') },
  ],
};

function cueLists(lang: Lang): Array<ReadonlyArray<Cue<StatusCue>>> {
  if (lang === 'it') return [IT_CUES, EN_CUES];
  if (lang === 'en') return [EN_CUES, IT_CUES];
  return [OTHER_CUES[lang], IT_CUES, EN_CUES];
}

export function recognizeStatus(text: string, lang: Lang): EmploymentStatus | undefined {
  // users mix languages ("sono in furlough", "I'm in cassa integrazione"): the other lists are the fallback
  for (const cues of cueLists(lang)) {
    const status = decide(findCues(text, cues));
    if (status !== undefined) return status;
  }
  return undefined;
}

/**
 * The status the person tells about themselves: like recognizeStatus, but "l'azienda chiude" alone (the employer's
 * crisis, nothing said of the person) gives nothing. For messages that are not an answer to "what is your
 * situation?", where the bot must not repeat back "you still work there" when the person never said so.
 */
export function recognizeOwnStatus(text: string, lang: Lang): EmploymentStatus | undefined {
  const own = (hits: Array<CueHit<StatusCue>>): Array<CueHit<StatusCue>> => hits.filter((h) => h.value !== 'EMPLOYER_CRISIS');
  for (const cues of cueLists(lang)) {
    const status = decide(own(findCues(text, cues)));
    if (status !== undefined) return status;
  }
  return undefined;
}

/** Who has never had a job to lose: 'student', 'never_worked' (first job seekers), or nothing. */
export type NoWorkHistory = 'student' | 'never_worked';

const NEVER_WORKED = [
  anyOf(
    // "non ho mai lavorato", but not "non ho mai lavorato in un'azienda in crisi" (a worker talking about the firm)
    '(non )?(ho|abbiamo) mai lavorato\\b(?! (in|per|presso|con|da|alla|nella|nelle|negli|nei|all|come|a) )',
    'mai lavorato( prima| finora| in vita mia)?$',
    'non (ho|abbiamo) (ancora |mai )+(avuto|fatto) (un |nessun )?(lavoro|impiego|contratto|esperienz[ae] di lavoro|esperienz[ae] lavorativ[ae])',
    'non (ho|abbiamo) ancora lavorato',
    '(cerco|cercando|in cerca del?|alla ricerca del?) (il )?(mio )?prim[oa] (lavoro|impiego|occupazione|esperienza)',
    'prima occupazione',
    'inoccupat[oaie]',
    'never (worked|had a job|been employed)',
    '(looking for|seeking|searching for) (my )?first job',
    'first job seeker',
  ),
];
const STUDENT = [
  anyOf(
    'student(e|essa|i|esse)\\b(?! lavorat)',
    '(laureand|diplomand|maturand)[oaie]\\b',
    '(studio|studiamo) (ancora|all universita|al politecnico|a scuola)',
    'sto (ancora )?studiando',
    '(faccio|frequento) (l )?(universita|il liceo|la scuola|l istituto)',
    '(appena |da poco )?(diplomat|laureat)[oaie] (da poco|quest anno)',
    '(appena|da poco) (diplomat|laureat)[oaie]',
    'neo ?(diplomat|laureat)[oaie]',
    '(i m|i am) (a )?(student|still at school|at university|in college)',
    'just (graduated|finished (school|university))',
  ),
];

/**
 * Students and people who never had a job: the measure is for workers of firms in crisis, so the pre-check tells
 * them kindly where else to turn. Checked before the employment status, which would read "inoccupato" as
 * unemployed and "non ho mai lavorato" as nothing at all.
 */
export function recognizeNoWorkHistory(text: string): NoWorkHistory | undefined {
  const live = (cues: RegExp[], value: NoWorkHistory): boolean =>
    findCues(text, cues.map((re) => ({ re, value }))).some((h) => !h.uncertain && !h.negated);
  if (live(NEVER_WORKED, 'never_worked')) return 'never_worked';
  if (live(STUDENT, 'student')) return 'student';
  return undefined;
}
