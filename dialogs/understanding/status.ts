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
import { memoizeTextIn } from '../../models/text/textMemo';
import { anyOf, anyOfWords, findCues, type Cue, type CueHit } from './cues';
import type { EmploymentStatus, Lang } from './types';

/**
 * Cue value: a status, a reading that says what the person is not (yet), or the employer's crisis told without a word
 * about the person (read as AT_RISK, but it is the bot's inference, not something the person said).
 */
type StatusCue = EmploymentStatus | 'NOT_YET_DISMISSED' | 'NOT_FOUND_JOB' | 'EMPLOYER_CRISIS';

/**
 * Being on leave, per language, folded as the text is: sick leave, maternity, paternity and parental leave, unpaid
 * leave, an accident at work. A worker on leave is still employed by the firm (AT_RISK once its crisis is told).
 */
const LEAVE = {
  it: '((sono|sto|resto|siamo|mi trovo|rimast[oa]) )?((a casa|ancora|adesso|ora) )?(in|di|per) (malattia|mutua|maternita|paternita|infortunio|aspettativa|congedo( parentale| di maternita| di paternita| per malattia| straordinario)?)\\b',
  en: '((i m|i am|we re|we are) )?((currently|still) )?(on|off) (sick leave|sick|sick pay|maternity( leave)?|paternity( leave)?|parental leave|medical leave|unpaid leave|leave)\\b',
  ro: '(sunt |stau )?(acasa )?(in|pe) (concediu (medical|de boala|de maternitate|de paternitate|de crestere( a copilului)?|parental|fara plata|maternal)|concediu|medical|maternitate|boala)\\b',
  es: '((estoy|sigo) )?(de|con) (baja( medica| por enfermedad| por maternidad| por paternidad| maternal| laboral)?|licencia( medica| por maternidad| por paternidad| por enfermedad| de maternidad)?|permiso (de|por) (maternidad|paternidad))\\b',
  fr: '((je suis|on est|suis) )?(en )?(arret (maladie|de travail)|conge (maladie|maternite|de maternite|paternite|de paternite|parental|sans solde)|en conge\\b|en maladie\\b)',
  sq: '((jam|jom) )?(ne|me|n) (pushim (mjekesor|lehonie|barrelindje|shendetesor|prindor|prindror|lindje|te lehonise|raporti)|raport mjekesor|raport|leje (lindje|lehonie|mjekesore|prindore|prindrore|lindjeje)|leje pa pagese|lehoni)\\b',
  uk: '(на лікарняному|на лікарняному листку|лікарняний|на больничном|(в|у) декреті|(в|у) декретній відпустці|декретн[^ ]*|(в|у) декрете|(в|у|на) відпустці (по догляду|по вагітності|по материнству|за свій рахунок)|(в|у) відпустці по догляду за дитиною|в отпуске по уходу)',
  ar: '((انا|انني|احنا) )?(في |ف |فـ )?(اجازه|عطله|رخصه|اجازه طويله) ?(مرضيه|امومه|الامومه|ولاده|الولاده|وضع|ابوه|بدون راتب|مرض|المرض)|(في|ف) (المرض|الامومه)\\b|عندي (شهاده|تقرير) طبي',
} as const;

/** Italian leave not said in the past ("ero in malattia, poi mi hanno licenziato" tells no leave now). */
const NOT_AFTER_PAST_IT = '(?<!(ero|eravamo|stata|stato|sono stat[oa]|fui) )';

/** Part-time or a few hours, per language, folded: "lavoro part time da un'altra parte" is a job elsewhere. */
const PART_TIME = {
  it: '(part ?time|a tempo parziale|a ore|qualche ora|poche ore|a chiamata|saltuariamente|in nero|a giornata)',
  en: '(part ?time|a few hours|some hours|on call|casually|odd jobs)',
  ro: '(cu )?(part ?time|jumatate de norma|cu jumatate de norma|cateva ore|cu ora|la negru|ziler)',
  es: '(a |de |en )?(part ?time|media jornada|medio tiempo|tiempo parcial|unas horas|por horas|algunas horas|en negro)',
  fr: '(a |en )?(temps partiel|mi temps|part ?time|quelques heures|au noir)',
  sq: '(me )?(kohe te pjesshme|part ?time|gjysem ore|gjysme ore|disa ore|pak ore|me ore|ne te zeze)',
  uk: '(на пів ?ставки|пів ставки|на неповний день|неповний день|парт ?тайм|part ?time|кілька годин|по кілька годин|на чорно|неофіційно)',
  ar: '(بارت ?تايم|part ?time|نص دوام|دوام جزئي|نصف دوام|كام ساعه|بعض الساعات|ساعات قليله|بالساعه|بالنوار)',
} as const;

const IT_CUES: Array<Cue<StatusCue>> = [
  // on leave (sick, maternity or parental leave, unpaid leave): still employed by the firm, whatever else is said of
  // being at home ("sono a casa in malattia" is not "a casa" without a job)
  { value: 'AT_RISK', re: anyOf(`${NOT_AFTER_PAST_IT}${LEAVE.it}`) },
  // what the person is not (yet)
  {
    value: 'NOT_YET_DISMISSED',
    re: anyOf('non (sono|siamo) (ancora )?stat[oaie] (ancora )?licenziat[oaie]', 'non (mi|ci) hanno (ancora )?licenziat[oaie]', 'non ancora licenziat[oaie]'),
  },
  {
    value: 'NOT_FOUND_JOB',
    re: anyOf(
      'non (ho|abbiamo) (ancora |piu |mai )?(ri)?trovato (niente|nulla|un (altro |nuovo )?(lavoro|impiego|posto)|lavoro|impiego|un altra occupazione|occupazione)',
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
      // "sono ancora dentro", "sto ancora lì", "faccio ancora parte dell'azienda": still there, in the words workers use
      '(sono|siamo|sto|stiamo|resto|restiamo) ancora (dentro|li|la|in (ditta|fabbrica|azienda|reparto|stabilimento))\\b(?! (i|il|la|le|lo|gli|l|ai|al|alla|ai|nei|nel|nella|nelle|dei|del|della|delle|dello|un|una|coi|col|con|per iscriver)\\b)',
      '(faccio|facciamo) ancora parte (dell|della|del) (azienda|ditta|organico|personale)',
      'per ora lavoro',
      '(lavoro|lavoriamo|sto lavorando|stiamo lavorando) (normalmente|regolarmente|come sempre|come prima)',
      '(continuo|continuiamo) a lavorare',
    ),
  },
  // already out
  {
    value: 'UNEMPLOYED',
    re: anyOf('licenziat[oaie]\\b', 'mi hanno (mandato|mandata) via', '(mi|ci) hanno (cacciat[oaie]|buttat[oaie] fuori)', '(sono|siamo) stat[oaie] cacciat[oaie]', '(sono|siamo) stat[oaie] mandat[oaie] via', 'disoccupat[oaie]', 'disoccupazione', 'naspi\\b', 'dis ?coll\\b', 'indennita di (disoccupazione|mobilita)', 'inoccupat[oaie]'),
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
      // the verb first: "mi è scaduto il contratto", "è finito il mio contratto", "non mi hanno rinnovato"
      '(mi )?e (gia )?(scaduto|terminato|finito|cessato) (il )?(mio )?contratto(?! (d|di|del|della|dell|nazionale|collettivo|ccnl|affitto)\\b)(?!.*\\brinnovat)',
      'non mi hanno (piu )?rinnovato\\b(?! (la|le|il|i|lo|gli|l|un|una|uno|mia|mio|miei|mie|ancora|permesso|ferie|cassa)\\b)',
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
      // the firm closed, not a part of it ("la ditta ha chiuso un reparto" says nothing of the writer)
      '(azienda|ditta|fabbrica|societa|impresa|stabilimento|negozio) (ha chiuso|e chiusa|ha cessato|e fallita|ha fallito)(?! (un|una|uno|il|lo|la|i|gli|le|alcun[ie]|due|tre|\\d+|reparto|linea|ramo|sede|filiale) )',
      '(che|quando|dopo che) (ha|hanno) (chiuso|cessato|fallito)\\b(?! (un|una|uno|il|lo|la|i|gli|le|alcun[ie]|due|tre|\\d+|reparto|linea|ramo|sede|filiale) )',
      '(che|quando|dopo che) (e|sono) (chiusa|chiuse|fallita|fallite)\\b',
      'ero (dipendente|operai[oa]|impiegat[oa])',
    ),
  },
  // working again
  {
    value: 'REEMPLOYED',
    re: anyOf(
      '(ho |abbiamo )?(ri)?trovato (un |una |il )?(nuov[oa] |altr[oa] |un altr[oa] )?(lavoro|impiego|posto|occupazione)',
      '(nuov[oa]|altr[oa]) (lavoro|impiego|posto di lavoro|occupazione|contratto|datore di lavoro|assunzione)\\b',
      '(sono stat[oa] |mi hanno |ci hanno |siamo stat[ie] )?(ri)?assunt[oaie]\\b',
      'ricollocat[oaie]',
      'rioccupat[oaie]',
      '(ho |abbiamo )?(ripreso|ricominciato|iniziato|cominciato) a lavorare',
      '(sono|siamo) tornat[oaie] a lavorare',
      'lavoro di nuovo',
      'di nuovo (al lavoro|occupat[oaie]|a lavorare)',
      'lavoro altrove', '(mi|ci) hanno (pres[oaie]) (a lavorare|in un altr[oa]|in altr[oa]|da un altr[oa]|con un altr[oa])',
      'lavoro da un altra parte',
      // "lavoro part time da un'altra parte": a job elsewhere, whatever its hours
      `(lavoro|sto lavorando|faccio)( un lavoro| un lavoretto| dei lavoretti)? ${PART_TIME.it} (anche )?(da un altra parte|altrove|in un altr[oa] (ditta|azienda|posto|societa|parte)|per un altr[oa] (ditta|azienda|societa)|presso un altr[oa] (ditta|azienda|societa))`,
      '(lavoro|rientrat[oaie]|passat[oaie]|entrat[oaie]|impiegat[oaie]|occupat[oaie])( al lavoro| a lavorare)? (in|per|presso|da|con) (un )?altr[oa] (ditta|azienda|societa|impresa|fabbrica|datore)',
      '(ho )?firmato (un |il )?(nuovo )?contratto',
      '(ora|adesso|oggi) lavoro\\b',
      'lavoro (ora|adesso|oggi) (in|per|presso|da|come|con|a|alla|nella)\\b',
      'ho un (nuovo )?(lavoro|impiego) (nuovo|diverso)',
      'ho un nuovo (lavoro|impiego)',
      // "ero in cassa, ma da maggio lavoro in un supermercato": a job started at a month told
      '(da|dal mese di|a partire da) (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)( \\d{4})? (lavoro|sto lavorando|sono assunt[oa]) (in|presso|per|da|come|con|alla|nella|al|nel|all)\\b',
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
    re: anyOf('(azienda|ditta|fabbrica|societa|impresa|stabilimento) (chiude|sta chiudendo|chiudera|e in crisi|in crisi|sta fallendo|fallisce|delocalizza|si trasferisce)', 'chiud(e|ono|era|eranno)\\b', 'sta(nno)? (per )?chiud(endo|ere)', 'in crisi\\b', '(ha|hanno) licenziato (\\d+|molti|alcuni|parte|decine|centinaia|colleghi)', 'delocalizz', '(spostare|spostano|sposteranno|portare|portano|porteranno|trasferire|trasferiscono|trasferiranno) (la )?produzione'),
  },
];

const EN_CUES: Array<Cue<StatusCue>> = [
  { value: 'AT_RISK', re: anyOf(`(?<!(was|were|had been) )${LEAVE.en}`) },
  { value: 'NOT_YET_DISMISSED', re: anyOf('(haven t|have not|wasn t|was not|hasn t|has not) (yet )?been (laid off|fired|made redundant|let go|dismissed)', 'not (been )?(laid off|fired|made redundant) yet', '(haven t|have not|didn t|did not) (yet )?(let me go|laid me off|lay me off|fired me|fire me|dismissed me|dismiss me)(?! (on|to|home|out|for|early|in|with|back|anywhere)\\b)( yet)?') },
  { value: 'NOT_FOUND_JOB', re: anyOf('(haven t|have not|didn t|did not|can t|cannot|couldn t) (yet )?(found|find|get|got) (a |another |any |a new )?(new )?(job|work|position)', 'no luck finding') },
  { value: 'UNEMPLOYED', re: anyOf('no longer (working|employed|work)\\b', 'not working (anymore|any more)', '(don t|do not) have (a )?(job|work)\\b', '(don t|do not) work (anymore|any more)', 'i have no job', 'i m not working') },
  {
    value: 'AT_RISK',
    re: anyOf(
      '(about to|going to|gonna|will|might|may|could|expect to|afraid i ll|fear i ll|likely to|i ll) (be |get )?(laid off|made redundant|fired|let go|dismissed|lose (my|our|the) jobs?)',
      'to be (laid off|made redundant|fired|let go|dismissed)',
      '(will|going to|gonna|might|could|i ll) lose (my|our|the) (job|jobs|position)',
      'at risk\\b',
      '(being|getting) (laid off|made redundant|let go|dismissed|fired|sacked)',
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
  { value: 'AT_RISK', re: anyOf('still (employed|working|work|on the payroll|have (my|a) job|at the company|there|under contract)\\b', '(i m|i am|im|we re|we are) still (with|at|in) the (company|firm|factory|plant)\\b') },
  {
    value: 'UNEMPLOYED',
    re: anyOf(
      '(laid off|made redundant|fired|let go|dismissed|sacked)\\b',
      // the object between: "they laid me off", "they let us go", "the firm fired me"
      '(laid|lay) (me|us)( all)? off\\b',
      '(let|letting) (me|us) go\\b',
      '(fired|sacked|dismissed) (me|us)\\b',
      'made (me|us) redundant\\b',
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
      'i quit\\b',
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
      `(i )?(work|am working|m working) ${PART_TIME.en} (elsewhere|somewhere else|(at|for) (another|a different) (company|firm|employer|place))`,
      'now (i )?work (at|for|in|as)',
      'i now work',
      'i m now working',
      'signed a (new )?contract',
      '(started|began|start) (working|a job|work) (at|for|with|in)',
      '(at|for|with|joined) (another|a different|a new) (company|employer|firm|business)',
      '(work|working) (somewhere else|elsewhere)',
      'found (something|work|employment)\\b',
      '(since|from) (january|february|march|april|may|june|july|august|september|october|november|december)( \\d{4})? (i work|i ve been working|i have been working|i m working|i am working) (at|for|in|as|with)\\b',
    ),
  },
  { value: 'REEMPLOYED', weak: true, re: anyOf('i have a job\\b', 'currently work (at|for|as)') },
  { value: 'OTHER', re: anyOf('retired\\b', 'retirement\\b', 'pensioner\\b', 'student\\b', 'studying\\b', 'homemaker\\b', 'housewife\\b', 'self employed', 'freelancer?\\b', 'own business') },
  {
    value: 'EMPLOYER_CRISIS',
    weak: true,
    re: anyOf(
      // "the factory where I work is going bankrupt": a relative clause may stand between the firm and its state
      '(company|factory|plant|employer|firm|business|workplace)( (where|that|which) (i|we) (work|worked|m working|am working))? (is|s) (closing|shutting|in crisis|in trouble|going bankrupt|going bust|going under|relocating|struggling)',
      'going (bankrupt|bust)\\b',
      'crisis\\b',
      '(will|going to|is going to|about to|set to|plans to|to) (close|shut)\\b',
      'contract (ends|will end|expires|is ending|runs out)',
      'relocat(e|es|ing) (production|the factory|the plant|the company)',
      '(move|moving|moves) (the )?production',
      'offshor(e|ing)\\b',
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
  // a new job wished for or looked for ("mi aiuta a trovare un nuovo lavoro?") is not one the person has
  const live = hits.filter((h) => !h.negated && !h.uncertain && !(h.wished && h.value === 'REEMPLOYED'));
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
  // Each language in the same order: what the person is not (yet), still looking (which consumes "at another firm"
  // so it is not read as working there), on the way out (futures, "still working", lists, closures to come),
  // working again (found/hired/back at work, "at another firm", "elsewhere"), already out. Verbs in the persons and
  // genders workers use, past and future, with the colloquial words for job, firm, fired and hired.
  ro: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(eram|am fost) )${LEAVE.ro}`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(lucrez|muncesc|lucram) ${PART_TIME.ro} (si )?(in alta parte|altundeva|la altii|la (o )?alta firma|pentru (o )?alta firma|intr o alta firma)`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('nu (am fost|sunt) (inca )?(concediat|concediata|dat afara|data afara)', 'nu m (au|a|o) (inca )?(concediat|concediata|dat afara|data afara)', 'inca nu (am fost |sunt |m au )?(concediat|concediata|dat afara|data afara)') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('(nu|n) (am )?(mai )?(gasit|gasesc|gasim|am gasit) (inca )?(nimic|altceva|ceva|alt|alta|de lucru|lucru|un loc|loc|serviciu|servici|job|munca)', 'inca (nu|n) am gasit', 'nu gasesc') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(caut|cautam|cauta|sunt in cautare)( de)? (lucru|munca|serviciu|servici|job|un loc de munca|alt loc de munca)( (la|in|pentru) (o )?(alta|noua) (firma|companie|fabrica|parte))?', '(caut|cautam|cautand) (la|in|pentru) (o )?(alta|noua) (firma|companie|fabrica|parte)', '(inca )?(caut|cautam)$') },
    { value: 'AT_RISK', re: anyOfWords('somaj tehnic', 'preaviz', '(ne|ma|i|le) (concediaza|concedieaza|disponibilizeaza)', 'concediaza', '(o sa|risc sa|as putea sa|pot sa|vor sa)( imi| ne)? (pierd|pierdem) (locul de munca|serviciul|jobul|postul|lucrul)', '(ma|merg|ne) (duc|ducem|mergem)? ?inca la (lucru|munca|serviciu)', 'disponibilizari', 'disponibilizare', 'concedieri', 'reduceri de personal', 'reducere de personal', 'restructurar', '(o sa|vor|urmeaza sa|risc sa|pot sa|vor sa|vrea sa|vrei sa|au de gand sa|trebuie sa) (ne |ma |)?(concedieze|concedieze|fiu concediat|fim concediati|fiu concediata|dea afara|deie afara|disponibilizeze|inchida)', '(ne|ma) (da|dau|vor da|va da|o sa dea) afara', '(inca|deocamdata|inca mai) (lucrez|lucram|muncesc|merg la (lucru|munca|serviciu)|ma duc la (lucru|munca|serviciu))', '(lucrez|lucram|muncesc) (inca|deocamdata)', 'inca (mai )?am (contract|serviciu|servici|lucru|loc de munca)', '(?<!(nu|n) )mai am (contract|serviciu|servici|loc de munca)', '(?<!(nu|n) )(inca )?mai (lucrez|lucram|muncesc)', '(inca )?sunt (inca )?(angajat|angajata) (acolo|la ei|la firma)', 'sunt (si eu )?pe lista', 'pe lista (de|cu) (concedieri|disponibilizari)', 'se inchide', '(o sa|vor|urmeaza sa|va) (se )?inchid', 'inchid (fabrica|firma|depozitul|magazinul|uzina|tot)', 'faliment', 'insolventa', 'in criza') },
    { value: 'REEMPLOYED', re: anyOfWords('(mi )?(am )?(gasit|gasim) (deja )?(un |o )?(alt |alta |nou |noua )?(loc de munca|serviciu|servici|job|lucru|munca|robota|post)', '(mi )?am gasit (de )?(lucru|munca)', '(am|mi am) gasit (si )?ceva( de lucru)?', '(?<!(lucrat|lucram|lucrasem|eram|fost) )(la|in|pentru|intr) (o )?(firma|companie|fabrica|societate) noua', '(angajat|angajata|angajati) (din nou|iar)', '(sunt|suntem) (iar|din nou) (angajat|angajata|angajati)', 'lucrez (acum )?(la|in|pentru) (o )?(alta|noua) (firma|companie|fabrica|societate)', '(?<!(lucrat|lucram|lucrasem|eram|fost) )(la|in|pentru) (o )?(alta|noua) (firma|companie|fabrica|societate)', 'acum lucrez', 'amu lucrez', '(m|ne) (au|a|o) (re)?angajat', '(am|suntem) fost (re)?angajat', 'm am (re)?angajat', 'reangajat', 'am (un |o )?(nou|noua|alt|alta) (loc de munca|serviciu|servici|job|post)', '(serviciu|servici|job|loc de munca) nou', '(lucrez|muncesc|lucram) (iar|din nou|iarasi|in alta parte|altundeva|la altii)', '(iar|din nou|iarasi) (lucrez|muncesc|lucram)', 'am (re)?(inceput|inceput iar|inceput din nou|reinceput) (sa )?(lucrez|muncesc)', 'm am (intors|apucat) (iar |din nou )?(la (lucru|munca|serviciu)|de lucru|sa lucrez)') },
    { value: 'UNEMPLOYED', re: anyOfWords('concediat', 'disponibilizat', 'dat afara', 'data afara', 'dati afara', '(m|ne) (au|a|o) (dat|trimis|scos) (afara|acasa)', 'somer', 'fara (de )?(loc de munca|lucru|serviciu|servici|job|munca)', '(nu|n) (mai )?(lucrez|muncesc|lucram)', '(nu|n) (mai )?am (de )?(loc de munca|serviciu|servici|lucru|munca|job|contract)', 'stau acasa', 'am ramas fara', 'mi am pierdut (locul de munca|serviciul|jobul|lucrul)', 'am pierdut (locul de munca|serviciul|jobul)', 's a inchis') },
    // a contract that ended or was not renewed ("mi s-a terminat contractul", "nu mi-au prelungit contractul")
    { value: 'UNEMPLOYED', re: anyOfWords('(mi )?s a (terminat|incheiat|expirat|gata) contractul(?! de\\b)', 'contractul (meu )?(mi )?s a (terminat|incheiat|expirat)', 'nu mi (au|a) (mai )?(prelungit|reinnoit|innoit) contractul(?! de\\b)') },
    // "din mai lucrez la un supermarket": a job started at a month told, after whatever came before
    { value: 'REEMPLOYED', re: anyOfWords('(din|de la|de prin|incepand cu) (luna )?(ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie)( \\d{4})?( (incoace|incoa))? (lucrez|muncesc|lucram|sunt angajat|sunt angajata) (la|in|intr|pentru|ca)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('(muta|mute|mutat|va muta|vor sa mute) (productia|fabrica|firma)', 'delocaliz') },
  ],
  es: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(estaba|estuve|estuvo) )${LEAVE.es}`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(trabajo|estoy trabajando|curro|laburo|chambeo) ${PART_TIME.es} (tambien )?(en otro lado|en otra parte|en otro sitio|en otro lugar|(en|para) otra (empresa|fabrica|compania))`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(todavia|aun) no (me )?(han|ha) (despedido|echado|corrido)', 'no (me|nos) (han|ha) (despedido|echado|corrido)', 'no (me|nos) (despidieron|echaron|corrieron)', 'no me (han|ha) (despedido|echado|corrido) (todavia|aun)', '(todavia|aun) no (estoy|he sido) despedid[oa]', 'no (estoy|he sido) (todavia |aun )?despedid[oa]') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('no (he )?(encontrado|conseguido|hallado) (todavia |aun )?(nada|otro|otra|trabajo|empleo|chamba|curro|laburo|pega)', '(todavia|aun) no (he )?(encontrado|consigo|conseguido|encuentro)', 'no (encontre|consegui|encuentro|consigo) (nada|trabajo|empleo|otro|chamba|curro|laburo|pega)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(sigo|ando) buscando', '(estoy|estamos|sigo|ando) buscando( (trabajo|empleo|chamba|curro|laburo|pega|chambita))?( (en|de) otr[oa] (empresa|fabrica|compania|lado|parte))', '(estoy|estamos|sigo|ando) buscando (trabajo|empleo|chamba|curro|laburo|pega|chambita)', '(estoy|estamos) buscando$', 'busco( trabajo| empleo| chamba| curro| laburo| pega)?( (en|de) otr[oa] (empresa|fabrica|compania|lado|parte))', 'busco (trabajo|empleo|chamba|curro|laburo|pega)') },
    { value: 'AT_RISK', re: anyOfWords('erte', 'preaviso', '(voy a|vamos a|puedo|podria|podemos|corro el riesgo de|riesgo de) perder (el|mi|nuestro|los) (trabajo|empleo|chamba|laburo|curro|puesto|trabajos)', 'excedente', 'sobramos', 'despidiendo', 'despidos', 'recort(ar|e|es|ando|aran|an) (de )?(personal|plantilla|gente|trabajadores)', '(me |nos )?(van a|quieren|pueden|piensan|planean|podrian|iban a) (despedir|correr|echar|botar|liquidar|sacar|dar de baja)', '(nos|me) (corren|correran|echan|echaran|botan|botaran|despiden|despediran|sacan) (a todos|a fin|en|el|la|al)', '(todavia|aun|sigo) (trabajo|trabajando|chambeo|chambeando|laburo|laburando|curro|currando)', '(todavia|aun) (estoy|sigo) (trabajando|chambeando|laburando|en la empresa|en la fabrica)', '(todavia|aun) tengo (trabajo|empleo|chamba|curro|laburo|contrato|pega)', 'sigo (con contrato|en la empresa|en la fabrica|en planta)', 'estoy en la lista', 'en la lista (de|para)', 'va a cerrar', 'van a cerrar', 'cierra', 'cerrando', 'quiebra', 'en crisis') },
    { value: 'REEMPLOYED', re: anyOfWords('(ya )?(encontre|consegui|halle|agarre|tengo|encontramos|conseguimos|hallamos|tenemos) (otro |otra |un |una |un nuevo |una nueva |nuevo |nueva )?(trabajo|empleo|curro|chamba|chambita|laburo|pega|puesto)', '(trabajo|empleo|curro|chamba|laburo|pega|puesto) nuev[oa]', '(ya )?(encontre|consegui|halle|agarre|encontramos|conseguimos) algo', '(me|nos) (contrataron|contrato|han contratado|ha contratado|agarraron|tomaron|cogieron|llamaron) (en|para|de) (otr[oa]|un[ao]? nuev[oa])', 'otra empresa me (contrato|agarro|llamo)', '(?<!(trabajaba|trabaje|estaba|estuve|antes|chambeaba|laburaba) )(en|para|con) otr[oa] (empresa|fabrica|compania|firma|patron|lado|parte)', 'en otro lugar', '(volvi|he vuelto|vuelvo|volvimos) a (trabajar|chambear|laburar|currar)', '(ya|ahora) (trabajo|chambeo|laburo|curro|estoy trabajando|estoy chambeando)', '(trabajo|chambeo|laburo|curro|estoy trabajando) (de nuevo|otra vez|nuevamente)', '(de nuevo|otra vez|nuevamente) (trabajo|chambeo|laburo|estoy trabajando)', 'trabajo en otra (empresa|fabrica|compania)', '(me )?(volvieron|han vuelto) a contratar', 'recontratad', '(empece|entre|comence|empezamos|entramos) a (trabajar|chambear|laburar|currar) (en|para|de|a|con)') },
    { value: 'UNEMPLOYED', re: anyOfWords('despedid', 'me despidieron', 'nos despidieron', '(me|nos) (echaron|corrieron|botaron|sacaron|liquidaron|dieron de baja|dieron las gracias)', 'desemplead', 'cesante', 'parad[oa]', 'sin (trabajo|empleo|chamba|chambita|curro|laburo|pega)', 'no (tengo )?(trabajo|chamba|laburo|curro|empleo)', 'me quede sin', 'perdi (el|mi) (trabajo|empleo|chamba|laburo|curro)', 'en (el )?paro', 'cerro', 'en casa') },
    // a contract that ended or was not renewed ("se me acabó el contrato", "no me renovaron")
    { value: 'UNEMPLOYED', re: anyOfWords('(se )?(me )?(acabo|termino|vencio|finalizo) (el|mi) contrato(?! (de|del)\\b)(?!.*\\brenov)', '(mi|el) contrato (se )?(me )?(acabo|termino|vencio|finalizo|ha terminado|ha vencido|se ha acabado)(?!.*\\brenov)', 'no (me )?(renovaron|han renovado|renovo|ha renovado)( el contrato| mi contrato)?(?! (el|la|los|las|mi|mis|un|una|su|sus|todavia|aun)\\b)') },
    { value: 'REEMPLOYED', weak: true, re: anyOfWords('(me|nos) (contrataron|han contratado|contrato)') },
    { value: 'REEMPLOYED', re: anyOfWords('(desde|a partir de|de) (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)( de \\d{4}| \\d{4})? (trabajo|chambeo|laburo|curro|estoy trabajando|estoy contratad[oa]) (en|para|de|como|con)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('deslocaliz', '(llevar|llevarse|trasladar|mover|mandar)( toda)? la produccion') },
  ],
  fr: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(j etais|etais|etait) )${LEAVE.fr}`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(je travaille|je bosse|travaille|bosse) ${PART_TIME.fr} (aussi )?(ailleurs|autre part|(dans|pour|chez) une autre (entreprise|boite|societe|usine))`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(je )?(n ai|ne suis) pas (encore )?(ete )?(licencie|vire)', 'on ne m a pas (encore )?(licencie|vire)', 'pas encore (ete )?(licencie|vire)') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('(n ai |ai )?(pas|rien|toujours pas|jamais) (encore )?(re)?trouve', 'rien (re)?trouve', 'je (ne )?trouve (pas|rien)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(je )?(cherche|recherche) (toujours|encore)', '(je )?(cherche|recherche)( toujours| encore)? (du |un |une )?(travail|boulot|emploi|taf|job|poste)( (ailleurs|dans une autre (entreprise|boite|societe)))?', '(je )?(cherche|recherche)( toujours| encore)? (ailleurs|dans une autre (entreprise|boite|societe))', '(je )?cherche$', 'en recherche d emploi') },
    { value: 'AT_RISK', re: anyOfWords('chomage partiel', 'chomage technique', 'preavis', '(vais|va|allons|risque de|risquons de|pourrais|pourrait|peux) perdre (mon|le|notre|nos) (travail|emploi|boulot|poste|taf|job)', '(mon |notre |le )?poste (est |va etre |sera )?supprime', '(licencie|licencient|vire|virent) (tout le monde|des gens|du monde|les gens|la moitie)', 'licencient', 'suppressions? de postes?', 'plan social', 'plan de licenciement', 'licenciements', '(usine|boite|entreprise|societe|fabrique|magasin) ferme (bientot|en|dans|a|fin|le)', '(vais|va|vont|allons|veulent|veut|voudraient|pourraient|peuvent|risque de|risquent de|compte|comptent|doivent|devrait|devraient) (nous |me |m )?(tous )?(nous )?(etre )?(licencier|licencie|licenciee|licencies|virer|vire|viree|mettre dehors|renvoyer|mettre a la porte|jeter)', 'risque d etre (licencie|vire)', '(travaille|bosse|bossons|travaillons) (encore|toujours)', '(encore|toujours) (salarie|salariee|en poste|employe|employee|sous contrat|dans la boite|dans l entreprise)', 'encore (mon|un|le) (contrat|poste|boulot|travail|taf|job)', 'sur la liste', 'va fermer', 'vont fermer', 'ferme bientot', 'fermer (a|en|d ici|fin|bientot)', 'faillite', 'redressement judiciaire', 'en crise') },
    { value: 'REEMPLOYED', re: anyOfWords('(deja )?(re)?trouve (du |un |une |un autre |une autre |un nouveau |une nouvelle )?(nouveau |nouvel |autre |petit )?(travail|emploi|boulot|poste|taf|job|place)', '(j ai )?(re)?trouve (quelque chose|qqch|qqc)', '(travaille|bosse) (maintenant )?(dans|chez|pour) (une autre|un autre|une nouvelle|un nouvel|un nouveau) (entreprise|boite|societe|usine|patron|employeur)', '(?<!(travaillais|bossais|etais|ete|avant) )(dans|chez|pour) (une autre|un autre|une nouvelle|un nouveau) (entreprise|boite|societe|usine|patron|employeur)', '(une autre|une nouvelle|un autre) (entreprise|boite|societe|usine|patron|employeur) m (a|ont) (embauche|pris|engage|recrute)', '(maintenant|desormais) je (travaille|bosse)', 'je (travaille|bosse) (maintenant|desormais|a nouveau|de nouveau|ailleurs|autre part)', '(m a|m ont|j ai ete|je suis|j ai ete re) (re)?(embauche|engage|recrute)e? (dans|chez|par|ailleurs|a)', 'reembauch', 'rembauch', '(un |une )?(nouveau|nouvel|nouvelle) (travail|emploi|boulot|taf|job|poste|contrat|patron)', '(j ai )?repris (le travail|le boulot|un travail|un boulot|un emploi)', '(j ai )?(re)?commence a (travailler|bosser)', '(re)?commence a (travailler|bosser) (dans|chez|pour|ailleurs)') },
    { value: 'UNEMPLOYED', re: anyOfWords('licencie(e|s|es)?\\b', 'vire(e|s|es)?\\b', '(me suis fait|nous sommes fait|on m a|ils m ont) (virer|licencier|renvoyer|jeter|mettre dehors|mettre a la porte)', 'renvoye', 'mis a la porte', 'au chomage', 'chomeur', 'chomeuse', 'sans (emploi|travail|boulot|taf|job)', '(n ai|ai) plus (de |d )?(travail|boulot|emploi|taf|job)', 'pas de (boulot|travail|taf|emploi)', 'je ne (travaille|bosse) (pas|plus)', '(j ai )?perdu (mon|le) (travail|emploi|boulot|taf|job|poste)', 'a la maison', 'a ferme') },
    // a contract that ended or was not renewed ("mon CDD s'est terminé", "fin de mission", "ils ne m'ont pas renouvelé")
    { value: 'UNEMPLOYED', re: anyOfWords('(mon|le) (contrat|cdd|interim|contrat d interim) (s est termine|est termine|est fini|s est fini|a pris fin|est arrive a (son )?terme|n a pas ete renouvele)(?!.*\\b(embauch|renouvel|cdi))', 'fin de (mon )?(contrat|cdd|mission)', '(ils |on )?(ne )?m (ont|a) pas (renouvele|prolonge) (mon|le) (contrat|cdd)', '(ils |on )?n (ont|a) pas renouvele (mon|le) (contrat|cdd)') },
    { value: 'REEMPLOYED', weak: true, re: anyOfWords('(m a|m ont|j ai ete) (re)?(embauche|engage|recrute)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('pole emploi', 'france travail') },
    { value: 'REEMPLOYED', re: anyOfWords('(depuis|a partir de|des) (le mois de )?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)( \\d{4})? (je travaille|je bosse|j travaille|je suis embauche|je suis embauchee) (dans|chez|pour|a|au|comme|en)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('delocalis', '(demenager|transferer|deplacer) (la production|l usine)') },
  ],
  sq: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(isha|kam qene) )${LEAVE.sq}`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(punoj|po punoj|punojme) ${PART_TIME.sq} (edhe )?(diku tjeter|(ne|te|tek|per) (nje )?(firme|kompani|fabrike) tjeter)`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('nuk (me )?(kane|kan) (pushuar|pushu|hequr|heq)( nga puna)?( ende| akoma| hala)?', 'nuk jam (pushuar|larguar)( ende| akoma)?', '(ende|akoma|hala) nuk (me )?(kane|kan) (pushuar|pushu)') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('(nuk|s) (kam |kom )?(gjetur|gjet|gjej) (ende |akoma |hala )?(pune|pun|asgje|gje|kurgja|gja|dicka)', '(ende|akoma|hala) (nuk|s) (kam|kom) (gjetur|gjet)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(kerkoj|po kerkoj|jam duke kerkuar|jom tu kerku|kerkojme)( pune| pun)?( (ne|te|tek) (nje )?(firme|kompani|fabrike) tjeter| diku tjeter)', '(kerkoj|po kerkoj|jam duke kerkuar|jom tu kerku|kerkojme) (pune|pun)', '(kerkoj|po kerkoj|jam duke kerkuar|jom tu kerku|kerkojme)$') },
    { value: 'AT_RISK', re: anyOfWords('teprice', 'te teper', 'pushon punetore', 'pushime nga puna', 'pushimet nga puna', '(do te|mund te|duan te|duan me|do me|kane me|kan me) (na |me )?(pushojne|pushoj|heqin|heqe|largojne|nxjerrin)', '(na|me) (pushojne|heqin|largojne) (te gjitheve|te gjithe|ne fund|nga puna)', '(ka|kane|kan) me (u )?mbyll', '(do|do te) (u )?mbyll', 'do ta mbyllin', 'po mbyllet', 'do te mbyllet', '(ende|akoma|hala) (punoj|punojme|jam duke punuar|jom tu punu|(jam|jom) (ne|n) (pune|pun))', '(rrezikoj|rrezikojme) (te|me) (humb|humbas|humbim) (punen|vendin e punes)', 'do ta (humb|humbas|humbim) (punen|vendin e punes)', '(punoj|punojme) (ende|akoma|hala)', '(ende|akoma|hala) (kam|kom) (kontrat|pune|pun|vendin e punes)', 'kontraten ende', 'ende kontrat', '(jam|jom) (edhe une )?ne liste', 'falimento', '(ne|n) kriz') },
    { value: 'REEMPLOYED', re: anyOfWords('(gjeta|gjetem|kam gjetur|kom gjet|e gjeta) (nje )?(pune|pun|vend pune)', '(gjeta|gjetem|kam gjetur|kom gjet) (dicka|nje gje|dicka tjeter)', '(gjeta|kam gjetur|kom gjet) (nje )?(pune |pun )?(tjeter|te re|t re)', '(me|na) (mori|moren|kane marre|kan marr|kane marre) (ne|n) (pune|pun)', '(u punesova|jam punesuar|jam ripunesuar|jom punsu)', 'me punesuan', 'rripunesuar', 'ripunesuar', '(kam filluar|kam fillu|kom fillu|fillova|fillova perseri) (te punoj|me punu|pune|pun|punen)', '(punoj|punojme) (perseri|prape|prap|serish|ne nje vend tjeter|diku tjeter)', '(perseri|prape|prap|serish) (punoj|punojme|jam ne pune)', '(?<!(punoja|punova|isha|kam punuar) )(ne|te|per|tek|n) (nje |nji )?(firme|kompani|fabrike|ndermarrje|firm) (tjeter|te re)', 'diku tjeter', 'tani punoj', '(pune|pun) (te re|t re)') },
    { value: 'UNEMPLOYED', re: anyOfWords('(me|na) (pushuan|hoqen|nxoren|larguan|perzune|hoqi|pushoi|nxori|kane hequr|kane pushuar|kane larguar|kan heq|kan pushu)', 'pushuar nga puna', '(i|e) papune', 'papune', 'pa pun', '(nuk|s) (kam|kom) (pune|pun)', 'nuk punoj', '(e )?(humba|kam humbur|kom humb) (punen|vendin e punes)', 'mbeta pa', 'ne shtepi', 'u mbyll') },
    // a contract that ended or was not renewed ("më mbaroi kontrata", "nuk ma rinovuan kontratën")
    { value: 'UNEMPLOYED', re: anyOfWords('(me |mu )?(mbaroi|perfundoi|skadoi) kontrata(?! e\\b)', 'kontrata (ime )?(me |mu )?(mbaroi|perfundoi|skadoi|ka mbaruar|ka perfunduar|ka skaduar)', 'nuk (ma|me) (rinovuan|zgjaten|rinovoi|zgjati) (kontraten|kontrata)(?! e\\b)') },
    { value: 'REEMPLOYED', re: anyOfWords('(qe nga|qe prej|prej|nga) (muaji )?(janari|janar|shkurti|shkurt|marsi|mars|prilli|prill|maji|maj|qershori|qershor|korriku|korrik|gushti|gusht|shtatori|shtator|tetori|tetor|nentori|nentor|dhjetori|dhjetor)( \\d{4})? (punoj|po punoj|jam duke punuar|jom tu punu) (ne|n|te|tek|per|si)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('delokaliz', '(zhvendos|zhvendosin|transferojne|cojne) (prodhimin|fabriken)') },
  ],
  uk: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(була|був|були) )${LEAVE.uk}`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(працюю|підробляю|роблю) ${PART_TIME.uk} (ще )?(в іншому місці|деінде|(в|на|у) (іншій|другій) (фірмі|компанії|роботі|фабриці))`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('(мене )?(ще|поки що|поки) не (звільнили|уволили|скоротили)', 'не звільнили (ще|поки)', 'я (ще|поки) не звільнен') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('не (знайш|найш|нашл|нашол|нашел|знайд|найд)', 'не (можу|можемо|вдається|виходить) (знайти|найти)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(шукаю|шукаємо|ищу|в пошуках)( іншу| нову| якусь)? (роботу|работу|робот)( (на|в|у) (іншій|іншу|інше|новій|нову) (фірмі|фірму|компанії|компанію|місці|місце))?', 'центр зайнятості') },
    { value: 'AT_RISK', re: anyOfWords('скорочен', 'скорочують', 'скоротять', 'сократят', 'звільнять', 'уволять', '(можуть|хочуть|будуть|збираються|планують|мають) (мене |нас |всіх |нас всіх )?(звільнити|звільняти|уволити|скоротити|скорочувати|вигнати|закрити|закривати)', 'закриють', 'закриватимуть', 'закривається', 'закриється', 'закриваються', '(ще|досі|поки|поки що|все ще|ще поки) (працюю|працюємо|робимо|роблю|є робота|маю роботу|на роботі|тримають)', '(працюю|працюємо) (ще|поки що|поки|досі)', '(ще|досі|поки) (є|маю) (контракт|договір)', 'маю ще (контракт|договір|роботу)', '(я )?(в|у|на) (списку|списках)', 'банкрут', 'збанкрут', 'в кризі', '(можу|можемо|ризикую|ризикуємо|боюся|боюсь) (втратити|лишитися без) (роботу|роботи|місце)', 'втрачу роботу', 'попередили про звільнення') },
    { value: 'REEMPLOYED', re: anyOfWords('(знайш|найш|нашл|нашол|нашел)(ов|ла|ли|ол)? (вже )?(собі )?(іншу |нову |нормальну )?(роботу|работу|місце)', 'вже (знайш|найш)', '(знайш|найш|нашл)(ов|ла|ли)? (вже )?(собі )?(щось|дещо|щось інше)', '(взяли|прийняли) (мене )?(на роботу|на работу)', '(взяли|прийняли) (мене )?(в|на|до) (іншу|нову|іншій|новій|інший|новий|інше)', '(влаштува|працевлаштува|устроїв|устроїл)', '(знову|знов|опять) (працюю|працюємо|на роботі|роблю)', '(працюю|роблю) (знову|знов|опять)', 'тепер працюю', '(?<!(працював|працювала|був|була|працювали) )(в|на|у|до) (іншій|новій|іншу|нову|іншому|новому|інший|інше) (фірмі|компанії|фірму|компанію|заводі|завод|фабриці|фабрику|місці|місце|підприємстві|роботі)', 'в іншому місці', 'знову взяли', 'нова робота', 'нову роботу') },
    { value: 'UNEMPLOYED', re: anyOfWords('звільнили', 'звільнен', 'звільнився', 'звільнилась', 'звільнилася', 'уволили', 'уволен', 'уволився', 'уволилась', 'вигнали', 'скоротили', 'безробітн', 'без роботи', 'без работи', 'не працюю', 'не працюємо', 'нема(є)? роботи', 'втрати(в|ла) роботу', 'сиджу вдома', 'сижу (вдома|без|дома)', 'вдома', 'закрився', 'закрилася', 'закрилась') },
    // a contract that ended or was not renewed ("у мене закінчився контракт", "не продовжили договір")
    { value: 'UNEMPLOYED', re: anyOfWords('(у мене |мені )?(закінчився|завершився|скінчився|закінчивсь) (мій )?(контракт|договір|трудовий договір)(?! (оренди|на оренду|з оператором))', '(мій )?(контракт|договір) (закінчився|завершився|скінчився)', 'не (продовжили|поновили) (мені )?(контракт|договір)(?! (оренди|на оренду|з оператором))') },
    { value: 'REEMPLOYED', re: anyOfWords('(з|із|від|починаючи з) (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)( \\d{4})? (працюю|я працюю|роблю|працевлаштован) (в|у|на|до|як)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('(перенес|перенос|перевез|перевоз|переведуть)[^ ]* (виробництво|завод|фабрику)', 'делокаліз') },
  ],
  ar: [
    { value: 'AT_RISK', re: anyOfWords(`(?<!(كنت|كانت) )(${LEAVE.ar})`) },
    { value: 'REEMPLOYED', re: anyOfWords(`(بشتغل|اشتغل|كنخدم|نخدم|اعمل|شغال) ${PART_TIME.ar} (في|ف|مع|عند) (مكان|شركه|محل|بلاصه) (تاني|ثاني|اخر|اخرى|تانيه|ثانيه)`) },
    { value: 'NOT_YET_DISMISSED', re: anyOfWords('لم (يطردوني|يفصلوني|يتم فصلي|اطرد|افصل)( بعد)?', 'لسه ما (طردوني|فصلوني)', 'ما (طردوني|فصلوني|جراو علي|جريو علي)(ش)? (بعد|لسه|مازال)') },
    { value: 'NOT_FOUND_JOB', re: anyOfWords('مش (لاقي|لاقيه|لاقيين)', 'ما (لقيت|لقيتش|لقيناش|صبت|صبتش|لاقيتش)', 'مالقيت', 'مالقيتش', 'ماصبتش', 'لم (اجد|اعثر|نجد)', 'ما (وجدت|حصلت)') },
    { value: 'UNEMPLOYED', weak: true, re: anyOfWords('(كنقلب|كانقلب|نقلب|بدور|بادور|بدوّر|عم دور|عم فتش|ابحث|نبحث|كنبحث|بفتش|ندور)( على| عن)?( شي| اي)? (خدمه|شغل|عمل|وظيفه|شغله)( (في|ف) (شركه|بلاصه|مكان) (اخري|اخرى|ثانيه|تانيه))?') },
    { value: 'AT_RISK', re: anyOfWords('تسرح', 'تسريح', 'الفائض', 'زايدين', 'فائض', 'سيطردون', 'سيسرحون', 'سيتم (فصلي|فصلنا|تسريحي|تسريحنا|طردنا|طردي)', '(غادي|غا|رح|راح|ح|حي|هي|ه|سوف|بدهم|بغاو|يبغيو|عايزين|عاوزين|يريدون|ناويين)( ي| ا)? ?(يجريو|يطردو|يطردونا|يطردوني|يسرحو|يسرحونا|يخرجونا|يكبونا|يفصلونا|يفصلوني|يمشونا|يمشوني|يرفدونا|يرفدوني|يستغنوا|طردنا|فصلنا|تسريحنا)', 'هيمشونا', 'هيمشوني', 'هيطردونا', 'هيطردوني', 'هيرفدونا', 'هيسرحونا', '(مازال|مازلت|ما زلت|ما زال|ما زالت|مازالت|لازلت|لا زلت|لا ازال|لسه|لسا|لساتني|بعدني|باقي|باقيه|مزال|مازلنا|لا نزال|ما زلنا)( انا)? (خدام|خدامه|نخدم|كنخدم|كانخدم|اشتغل|بشتغل|نشتغل|شغال|شغاله|اعمل|نعمل|في الشغل|في الخدمه|في الشركه|في العمل|موظف|موظفه)', 'عم (اشتغل|بشتغل|نشتغل|اعمل)', 'عندي (عقد|كونطرا|كونتراتو)', '(غادي|غا|رح|راح|ح|ه|هت|ست|سوف|بدها|قربت) ?(تسد|تسكر|تقفل|تغلق|يسدو|يسدوها|يسكرو|يسكروا|يقفلو|يقفلوا|يقفلوها|يغلقو|تفلس|تسدها)', 'هتقفل', 'هيقفلو', 'ستغلق', 'ستقفل', 'سيغلق', 'سيغلقون', 'سوف تغلق', 'على وشك (الاغلاق|الافلاس|الاقفال|الاغلاق)', '(قد|ممكن|يمكن|خايف|خايفه|اخاف|غادي|رح|راح|ح|ه)( ان)? ?(افقد|نفقد|اخسر|نخسر|يضيع|تضيع) (عملي|شغلي|وظيفتي|خدمتي)', 'افلاس', 'مفلسه', '(اسمي|سميتي|انا) (في|ف|فال|فالليستا|على) ?(القائمه|اللائحه|الليستا|ليستا|اللستا|الليسته)', '(ال)?كاسا ?ا?نت?ي?[غجك]را', 'في ازمه') },
    { value: 'REEMPLOYED', re: anyOfWords('(وجدت|وجدنا|لقيت|لقينا|لاقيت|صبت|صبنا|جبرت|جبرنا|حصلت على|حصلت|لقيتلي|لقيت لي|عثرت على)( على)? (خدمه|شغل|عمل|وظيفه|شغله|بلاصه|خدمة)', '(?<!(كنت|كان|كنا|كانت) )(اعمل|اشتغل|نخدم|كنخدم|بشتغل|نشتغل|خدام|شغال)( الان| دلوقتي| دابا| هلق| حاليا| هلا)? (في|ف|فـ|مع|عند)? ?(شركه|مصنع|معمل|بلاصه|مكان|محل|شركة) (اخرى|اخري|ثانيه|تانيه|جديده|اخر|ثاني|تاني|جديد)', '(?<!(كنت|كان|كنا) [^ ]+ )(في|ف|مع|عند) (شركه|مصنع|معمل|بلاصه|مكان|محل) (اخرى|اخري|ثانيه|تانيه|جديده|اخر|ثاني|تاني|جديد)', '(فشركه|بشركه) (اخرى|اخري|ثانيه|تانيه|جديده)', '(شركه|مصنع|معمل) (اخرى|اخري|ثانيه|تانيه|جديده) (وظفتني|شغلتني|خدمتني|قبلتني|اخدتني|خداتني|شدتني)', '(وظفوني|شغلوني|خدموني|قبلوني|دخلوني|عينوني|وظفونا|شغلونا|خدمونا|قبلونا|عينونا)', '(توظفت|اتوظفت|تعينت|اتعينت|تشغلت|اتشغلت|تخدمت|دخلت نخدم|دخلت اشتغل)', 'تم (توظيفي|تعييني)', '(رجعت|رجعنا|عدت|وليت|بديت|بدات|بدأت|ابتديت)( من جديد)? (اشتغل|نشتغل|نخدم|اعمل|نعمل|للخدمه|للشغل|للعمل|العمل|الشغل|الخدمه)', '(اشتغل|نخدم|اعمل|بشتغل|كنخدم) (من جديد|تاني|مره اخرى|مرة اخرى|عاود)', '(عمل|شغل|خدمه|وظيفه|شغله) (جديد|جديده|اخر|ثاني|تاني|اخرى|اخري)', '(لقيت|لقينا|صبت|وجدت) (شي )?(حاجه|حاجة)') },
    { value: 'UNEMPLOYED', re: anyOfWords('طردوني', 'طردونا', 'تم (فصلي|طردي|تسريحي|الاستغناء عني|انهاء عقدي)', 'فصلوني', 'سرحوني', 'مشيوني', 'مشوني', 'رفدوني', 'خرجوني', 'فصلونا', 'سرحونا', 'مشيونا', 'مشونا', 'رفدونا', 'خرجونا', 'استغنوا عني', '(جريو|جراو|جرات|جرا) (علي|عليا|علينا)', 'مفصول', 'مطرود', 'عاطل', 'بطال', 'بطاله', '(بدون|بلا|من غير|بلاش) (عمل|شغل|خدمه|وظيفه)', 'لا اعمل', 'ما (بشتغل|اشتغلش|بشتغلش|كنخدمش|خدامش|نخدمش|عندي (شغل|خدمه|عمل))', 'ماخدامش', 'ماعنديش (شغل|خدمه)', 'معنديش (شغل|خدمه)', 'ما عنديش (شغل|خدمه)', 'مش (بشتغل|شغال)', '(فقدت|خسرت|ضاعت|ضاع)( مني)? (عملي|شغلي|وظيفتي|خدمتي|العمل|الشغل)', 'لم اجد', 'لم اعثر', 'ما لقيت', 'مالقيت', 'في البيت', 'فالدار', 'في الدار', 'اغلق', 'قفل', 'تسدات', 'سدات', 'سكرت') },
    // a contract that ended or was not renewed ("عقدي خلص", "ما جددوا لي العقد")
    { value: 'UNEMPLOYED', re: anyOfWords('عقدي (خلص|انتهى|انتهت مدته)', '(خلص|انتهى) (عقدي|العقد|عقد العمل)(?! (الايجار|الإيجار|السكن))', '(?<!(لسه|لسا|بعد) )(ما|لم|مش) (جددوا|يجددوا|جددولي|يجددولي) (لي )?(العقد|عقدي|عقد العمل)(?!.*(بينتهي|هينتهي|سينتهي|ينتهي))') },
    { value: 'REEMPLOYED', re: anyOfWords('(من|منذ|مند|من شهر|منذ شهر|من بداية) ?(شهر )?(يناير|فبراير|مارس|ابريل|مايو|ماي|يونيو|يونيه|يوليو|يوليوز|اغسطس|غشت|سبتمبر|شتنبر|اكتوبر|نوفمبر|نونبر|ديسمبر|دجنبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين)( \\d{4})? (اعمل|اشتغل|بشتغل|كنخدم|نخدم|خدام|شغال) (في|ف|فال|مع|عند|ك)') },
    { value: 'EMPLOYER_CRISIS', weak: true, re: anyOfWords('(سينقلون|ينقلون|هينقلوا|غادي ينقلو|رح ينقلو|بدهم ينقلو|سينقل|ناويين ينقلو) (الانتاج|المعمل|المصنع|الشركه)') },
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
    const status = decide(findCues(text, cues, lang));
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
  return ownStatusRemembered(text, lang);
}

/** The reading of recognizeOwnStatus, remembered: a turn reads the same message for the worker's status twice or more. */
const ownStatusRemembered = memoizeTextIn(readOwnStatus, 500, 2000);

function readOwnStatus(text: string, lang: Lang): EmploymentStatus | undefined {
  const own = (hits: Array<CueHit<StatusCue>>): Array<CueHit<StatusCue>> => hits.filter((h) => h.value !== 'EMPLOYER_CRISIS');
  for (const cues of cueLists(lang)) {
    const status = decide(own(findCues(text, cues, lang)));
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
  const live = (cues: ReadonlyArray<Cue<NoWorkHistory>>): boolean => findCues(text, cues).some((h) => !h.uncertain && !h.negated);
  if (live(NEVER_WORKED_CUES)) return 'never_worked';
  if (live(STUDENT_CUES)) return 'student';
  return undefined;
}

/**
 * The two lists as cues, built once: findCues compiles a list's union into one expression the first time it sees
 * that list (the same array), so a list built afresh on every call was compiled on every call.
 */
const NEVER_WORKED_CUES: ReadonlyArray<Cue<NoWorkHistory>> = NEVER_WORKED.map((re) => ({ re, value: 'never_worked' }));
const STUDENT_CUES: ReadonlyArray<Cue<NoWorkHistory>> = STUDENT.map((re) => ({ re, value: 'student' }));
