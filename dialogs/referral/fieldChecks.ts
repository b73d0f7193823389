import { normalizeCommandText } from '../commands';
import { foldLatinAccents } from '../../models/text/fold';
import type { Lang } from '../understanding/types';
import { recognizeYesNo } from '../understanding/yesNo';
import { extractContactDetails } from './contactDetails';

/**
 * What a message typed at a form step may be instead of the value asked for. Each check says why a text is not a
 * firm's name or a preferred time, so the step can say so rather than store "pomeriggio" as the employer or an
 * e-mail as the time (issue 15).
 */

/** "Come ...?", "posso ...", "what ...": an interrogative opening, in Italian or English. */
const INTERROGATIVE_OPENING =
  /^(prima rispondimi|rispondimi|ma|e|scusa|scusi|senti|una domanda|domanda|ok)?\s*(come|quando|quanto|quanti|quante|quanta|cosa|che cosa|cos e|chi|dove|perche|quale|quali|posso|possiamo|puoi|potete|devo|dobbiamo|si puo|serve|servono|e possibile|c e|ci sono|what|how|when|where|who|why|which|can|could|may|do|does|did|is|are|should|will)\b/;

/**
 * The same in the six newer languages (folded, no accents): "cât durează", "cuánto dura", "combien de temps",
 * "sa zgjat", "скільки триває", "كم تستمر". Words that also open statements, names or
 * Italian answers count only with the word that makes them a question (es "como" is the city of Como, fr "qui" and
 * sq "si" are Italian words) or not at all (sq "a", ar "ما", which is also "not").
 */
const OTHER_INTERROGATIVE_OPENING = new RegExp(
  `^(?:${foldLatinAccents(
    [
      'cat|cata|cati|cate|cand|cum|unde|cine|de ce|care|ce (este|e|inseamna|trebuie|fac|pot|se)|pot|putem|se poate|exista|este posibil',
      'cuanto|cuanta|cuantos|cuantas|cuando|como (puedo|se|hago|funciona|es|son|me)|donde|quien|por que|cual|cuales|que (es|son|tengo|hay|debo|puedo|significa)|puedo|podemos|se puede|hay|es posible',
      'combien|quand|comment|ou (est|sont|se trouve|puis je|faut il)|qui (est|sont|peut|doit|contacter)|pourquoi|quel|quelle|quels|quelles|que (dois|faut|faire|veut)|qu est ce|est ce que|est ce qu|puis je|peut on|y a t il|c est quoi',
      'sa (zgjat|kushton|kohe|para|shume|eshte|jane)|kur|cfare|ku|kush|pse|cili|cila|cilat|mund|a mund|a ka|a eshte|a duhet',
      'скільки|коли|як|що|де|хто|чому|який|яка|яке|які|чи|можна',
      'كم|متى|كيف|ماذا|اين|من هو|لماذا|هل|اي|ايش|شو|وين',
    ].join('|'),
  ).toLowerCase()})(?![\\p{L}\\p{N}])`,
  'u',
);

/** A question typed where a value was asked: a question mark (Latin or Arabic), or an interrogative opening. */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (/[?؟]\s*$/.test(trimmed) || /[?؟]\s/.test(trimmed)) return true;
  const normalized = normalizeCommandText(trimmed);
  return (INTERROGATIVE_OPENING.test(normalized) || OTHER_INTERROGATIVE_OPENING.test(normalized.replace(/-/g, ' '))) && normalized.split(' ').length >= 3;
}

/**
 * A question about something, opening on a question word ("what counts as a crisis?", "cosa si intende per crisi?",
 * "ce înseamnă criză?", "qué cuenta como crisis?", "як дізнатися, чи ...?"), in the eight languages. At a step of the
 * pre-check it asks; it does not answer, even when a word in it would ("crisis"). Not the hypotheses that tell one's
 * case ("e se sono in NASpI?", "what if I'm on furlough?") nor "come no" (a yes). Needs its question mark, since these
 * words also open statements ("quando mi hanno licenziato, a marzo", "come ho detto, sono in cassa").
 */
const WH_OPENING = new RegExp(
  `^(?:ma |e |and |but |ok |allora |so |y |et |dhe |і |و)?(?:${foldLatinAccents(
    [
      'cosa|che cosa|cos e|che|come|quale|quali|quanto|quanti|quanta|quante|quando|dove|perche|chi|in che modo|what|which|how|when|where|why|who',
      'ce|cum|care|cat|cata|cati|cate|cand|unde|de ce|cine',
      'que|como|cual|cuales|cuanto|cuanta|cuantos|cuantas|cuando|donde|por que|quien',
      'quoi|qu est ce|comment|quel|quelle|quels|quelles|combien|quand|pourquoi|qui',
      'cfare|cili|cila|cilat|kur|ku|pse|kush|si mund|si behet|si ta',
      'що|як|який|яка|яке|які|скільки|коли|де|чому|хто',
      'ماذا|كيف|اي|متى|اين|لماذا|شو|ايش|كم|وين|ما هو|ما هي|ما هي',
    ].join('|'),
  ).toLowerCase()})(?![\\p{L}\\p{N}])(?! (if|se|no|nese|якщо|لو|اذا)(?![\\p{L}\\p{N}]))`,
  'u',
);

export function asksAContentQuestion(text: string): boolean {
  const trimmed = text.trim();
  const normalized = normalizeCommandText(trimmed).replace(/-/g, ' ').replace(/[أإآ]/g, 'ا');
  if (!WH_OPENING.test(normalized)) return false;
  // the question mark must close the clause the question word opens: "cuando me despidieron en marzo, ¿cuenta?" and
  // "when they fired me, in March" tell a date ("when" opens a clause of time, not a question)
  const mark = trimmed.search(/[?؟]/);
  const firstBreak = trimmed.search(/[,.;:!،]/);
  return mark >= 0 && (firstBreak < 0 || mark < firstBreak);
}

/** "Preferisco non dirlo", "I'd rather not say", "te l'ho già detto, preferisco non dirlo": the worker declines. */
const REFUSAL =
  /\b(preferisco non (dirlo|dire|rispondere|indicarlo|specificarlo)|preferirei non (dirlo|dire|rispondere)|non (lo )?voglio dire|non voglio rispondere|non te lo dico|non ve lo dico|non (lo )?dico|rather not( say| tell| answer)?|prefer not to (say|tell|answer)|don t want to (say|tell)|i won t (say|tell)|no comment|skip( it)?|salta|passo)\b/;

/**
 * The same refusal in other words: a negated will to say, tell or give it ("non te lo voglio dire", "non ve lo
 * posso dire", "non mi va di dirlo", "non intendo indicarla"), "preferisco di no", "sono fatti miei", "I'd prefer
 * not to", "none of your business".
 */
const REFUSAL_FORMS =
  /\b(non (te |ve |glie|vi |ti |le )?(lo |la |li |l )?(voglio|vorrei|posso|intendo|devo|mi va di|mi sento di|ho voglia di) (dir\w*|rispondere|indicar\w*|specificar\w*|dar\w*|comunicar\w*|rivelar\w*|scriver\w*|fornir\w*)|(preferisco|preferirei|meglio) (di no|evitare|non specificare|tenerlo per me|non rispondere)|sono fatti miei|non sono affari (tuoi|vostri)|e riservat[oa]|(i d|i would|i) prefer not( to)?|none of your business|not telling|i d rather not)\b/;
/**
 * The same refusal in the six newer languages (folded like the text): "prefer să nu spun", "prefiero no decirlo",
 * "je préfère ne pas le dire", "preferoj të mos e them", "волію не казати", "أفضل عدم القول".
 */
const OTHER_REFUSAL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldLatinAccents(
    [
      'prefer sa nu (o )?(spun|zic|raspund|spun asta)', 'nu vreau sa (o )?(spun|zic|raspund)', 'nu pot sa (o )?(spun|zic)',
      'prefiero no (decir(lo)?|responder|contestar|darlo|dar el nombre)', 'no quiero (decir(lo)?|responder|contestar|darlo)', 'prefiero no',
      'je prefere ne pas (le )?(dire|donner|repondre|preciser)', 'je ne (veux|souhaite) pas (le )?(dire|donner|repondre|preciser)', 'prefere pas', 'je prefere pas',
      'preferoj (te )?mos (e |ta )?(them|tregoj|pergjigjem|jap)', 'nuk (dua|mund) (ta|te) (them|tregoj|pergjigjem)', 'preferoj mos',
      'волію не (казати|говорити|відповідати|називати)', 'не хочу (казати|говорити|відповідати|називати)', 'краще не (казати|говорити|називати)',
      'افضل (عدم|ما) (القول|الاجابه|الاجابة|اقول|ذكر)', 'لا (اريد|اود) (ان )?(اقول|اجيب|اذكر)', 'ما (بدي|بغيت|نبغي) (قول|احكي|نقول|اقول)', 'ما بقولش',
    ].join('|'),
  )})(?![\\p{L}\\p{N}])`,
  'u',
);

/**
 * The message with its refusals taken out ("sono disoccupato ma preferisco non dire da quando" -> "sono disoccupato
 * ma  da quando"), normalized as isRefusal reads it: what else it says can still answer.
 */
export function withoutRefusal(text: string): string {
  const global = (re: RegExp): RegExp => new RegExp(re.source, `${re.flags}g`);
  return normalizeCommandText(text)
    .replace(/[أإآ]/g, 'ا')
    .replace(global(REFUSAL), ' ')
    .replace(global(REFUSAL_FORMS), ' ')
    .replace(global(OTHER_REFUSAL), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isRefusal(text: string): boolean {
  const normalized = normalizeCommandText(text);
  return REFUSAL.test(normalized) || REFUSAL_FORMS.test(normalized) || OTHER_REFUSAL.test(normalized.replace(/[أإآ]/g, 'ا'));
}

/**
 * Times of day and button words: an answer to "when shall we call?", never a firm. A day may come before the time
 * ("domani mattina", "lunedì pomeriggio", "tomorrow morning") or stand alone ("in settimana", "on weekdays").
 */
const DAY = '(oggi|domani|dopodomani|stasera|stamattina|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|in settimana|durante la settimana|nei giorni feriali|nel weekend|nel fine settimana|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|on weekdays|weekdays|during the week|at the weekend|on the weekend)';
const TIME_WORD = '(la |il |di |in |nel |verso |dopo |al |the )?(mattina|mattino|pomeriggio|sera|serata|notte|mezzogiorno|pranzo|ora di pranzo|morning|afternoon|evening|night|lunchtime|noon|midday)( presto| tardi| early| late)?';
const TIME_OF_DAY = new RegExp(
  `^(la |il |di |in |nel |verso |dopo |al )?(mattina|mattino|pomeriggio|sera|serata|notte|mezzogiorno|indifferente|qualsiasi ora|quando vuoi|sempre|morning|afternoon|evening|night|any ?time|whenever|in the (morning|afternoon|evening))( presto| tardi)?$|^(dalle|alle|after|before|dopo le|prima delle) ?\\d|^${DAY}( ${TIME_WORD})?( (dalle|alle|after|before|dopo le|prima delle|at|from) ?\\d.*)?$|^${TIME_WORD} (di |on |in )?${DAY}$`,
);

/** The same in the six newer languages, as a whole message ("dimineața", "por la tarde", "le soir", "në mëngjes", "ввечері", "في المساء"). */
const TIME_OF_DAY_ELSEWHERE = new RegExp(
  `^(mai bine |de preferinta |preferabil |mejor |mejor por |de preferencia |plutot |de preference |plutot le |me mire |краще |الافضل )?(${[
    'dimineata', 'de dimineata', 'dupa-amiaza', 'dupa amiaza', 'dupa-masa', 'dupa masa', 'seara', 'la pranz', 'oricand', 'oricind', 'oricand vreti',
    'manana', 'por la manana', 'la manana', 'tarde', 'por la tarde', 'la tarde', 'noche', 'por la noche', 'mediodia', 'a mediodia', 'a cualquier hora', 'cuando sea',
    'matin', 'le matin', 'dans la matinee', 'apres-midi', 'apres midi', 'l apres-midi', 'l apres midi', 'soir', 'le soir', 'en soiree', 'midi', 'a midi', 'n importe quand', 'a tout moment',
    'mengjes', 'ne mengjes', 'paradite', 'pasdite', 'mbasdite', 'mbremje', 'ne mbremje', 'dreka', 'ne dreke', 'kurdo', 'cdo ore',
    'вранці', 'зранку', 'вдень', 'удень', 'після обіду', 'ввечері', 'увечері', 'в обід', 'будь-коли', 'будь коли', 'в будь-який час',
    'صباحا', 'الصباح', 'في الصباح', 'ظهرا', 'الظهر', 'بعد الظهر', 'مساء', 'المساء', 'في المساء', 'بالليل', 'اي وقت', 'في اي وقت',
  ].join('|')})$`,
  'u',
);

export function looksLikeTime(text: string): boolean {
  const form = normalizeCommandText(text).replace(/[أإآ]/g, 'ا');
  return TIME_OF_DAY.test(form) || TIME_OF_DAY_ELSEWHERE.test(form);
}

/**
 * A date or a span of time ("da gennaio", "a marzo 2025", "dal 2023", "since January", "due mesi fa"): the answer to
 * "since when?", typed one step late or early, never a firm's name.
 */
const MONTH = '(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|january|february|march|april|may|june|july|august|september|october|november|december)';
const DATE_LIKE = new RegExp(
  `^((da|dal|dall|dalla|a|ad|in|nel|nell|di|fine|inizio|meta|since|from|in|on|at the (start|end) of|last|early|late) )*(${MONTH}( (del |of )?\\d{2,4})?|\\d{4}|\\d{1,2} ${MONTH}( \\d{2,4})?|\\d{1,2}[/.-]\\d{1,2}([/.-]\\d{2,4})?)( scorso| scorsa)?$|^((da |circa |about |for )?(un|una|uno|due|tre|quattro|cinque|sei|qualche|pochi|alcuni|\\d+|a|one|two|three|four|five|six|a few|some) (giorni|giorno|settimane|settimana|mesi|mese|anni|anno|days|day|weeks|week|months|month|years|year) (fa|ago))$|^(l anno scorso|il mese scorso|last (year|month|week)|this year|quest anno)$`,
);

export function looksLikeDate(text: string): boolean {
  return DATE_LIKE.test(normalizeCommandText(text).replace(/\?/g, '').trim());
}

/** Words that answer the summary, not a field: "conferma", "ok", "sì". */
const CONFIRMATION = /^(conferma|confermo|confirm|confirmed|ok|okay|va bene|si|yes|invia|send)$/;

export type EmployerReading =
  | { kind: 'name'; value: string }
  | { kind: 'skipped' }
  | { kind: 'invalid'; because: 'time' | 'date' | 'contact' | 'confirmation' | 'question' | 'empty' };

/** The lead-in words before a firm's name ("si chiama", "called", "l'azienda è"), in either language. */
const LEAD_IN =
  /^(?:(?:l'?azienda|la ditta|la societa|la società|the company|the firm|my company|my employer|it)\s+)?(?:si chiama|si chiamava|chiamata|chiamato|il nome e|il nome è|e|è|era|lavoro (?:alla ditta|alla|al|presso|in|per|da)|lavoravo (?:alla|al|presso|in|per|da)|la ditta|l'azienda|azienda|ditta|it s called|it's called|it is called|it was called|is called|was called|it s|it's|it is|it was|called|named|the company is|i work(?:ed)? (?:at|for))\s+/i;

/**
 * The same in the six newer languages: "firma se numește", "lucrez la", "la empresa se llama", "trabajo en",
 * "l'entreprise s'appelle", "je travaille chez", "kompania quhet", "punoj te", "фірма називається", "працюю на",
 * "الشركة اسمها", "اشتغل في".
 */
const LEAD_IN_NEWER = new RegExp(
  '^(?:' +
    [
      '(?:firma|compania|societatea|fabrica|intreprinderea|întreprinderea)(?: mea| noastra| noastră)? (?:se numeste|se numește|se cheama|se cheamă|este|e)',
      'numele firmei (?:este|e)', 'se numeste', 'se numește', '(?:eu )?(?:lucrez|lucram|lucram|am lucrat) (?:la|pentru|in|în)',
      '(?:la |mi )?(?:empresa|compañia|compañía|compania|fabrica|fábrica)(?: donde trabajo)? (?:se llama|es)', 'se llama', '(?:yo )?(?:trabajo|trabajaba|trabaje|trabajé) (?:en|para)',
      "(?:l['’]|mon |ma )?(?:entreprise|societe|société|boite|boîte|usine)(?: ou je travaille| où je travaille)? (?:s['’]appelle|est|c['’]est)", "(?:elle|ça|ca) s['’]appelle", "s['’]appelle", "je (?:travaille|travaillais|bosse) (?:chez|pour|à|a|dans)",
      '(?:kompania|firma|fabrika|ndermarrja|ndërmarrja)(?: ime| jone| jonë)? (?:quhet|eshte|është|esht)', 'quhet', '(?:une |unë )?(?:punoj|punoja|kam punuar) (?:te|tek|ne|në|per|për|pran)',
      '(?:моя |наша )?(?:фірма|компанія|підприємство|завод|фабрика)(?: де я працюю)? (?:називається|це|–|-)', 'називається', '(?:я )?(?:працюю|працювала?|працював) (?:в|у|на)',
      '(?:الشركه|الشركة|شركتي|المصنع|مصنعي)(?: اللي بشتغل فيها| التي اعمل فيها)? (?:اسمها|اسمه|هي|هو)', 'اسمها', 'اسمه', '(?:انا |أنا )?(?:اشتغل|بشتغل|كنت اشتغل|أعمل|اعمل|كنت أعمل|كنت اعمل|خدام|كنخدم) (?:في|فى|ف|عند|مع)',
    ].join('|') +
    ')\\s+',
  'iu',
);

/** An article left before a capitalised name ("la ditta è la Rossi srl"): lower case only, "La Doria" keeps its own. */
const LOWER_CASE_ARTICLE = /^(?:(?:la|il|lo|le|i|gli|the|el|los|las|les|un|una|uno)\s+|l['’]\s*)(?=\p{Lu})/u;

/** "Si chiama Rossi Meccanica srl" -> "Rossi Meccanica srl": the firm's name without the lead-in words. */
export function stripEmployerLeadIn(text: string): string {
  let cleaned = text.trim();
  for (let pass = 0; pass < 2; pass++) cleaned = cleaned.replace(LEAD_IN, '').replace(LEAD_IN_NEWER, '');
  if (cleaned !== text.trim()) cleaned = cleaned.replace(LOWER_CASE_ARTICLE, '');
  return cleaned.replace(/[.!]+$/, '').replace(/^["«“']+|["»”']+$/g, '').trim();
}

/** Words of a lead-in that name the firm or the work there (not a bare "è"/"it is", which also opens a statement). */
const FIRM_LEAD_IN_WORD =
  /(azienda|ditta|societ|company|firm|employer|chiam|called|named|lavor|work|compan|fabric|numest|numeșt|cheam|lucr|empresa|llam|trabaj|entreprise|usine|appel|travail|bosse|kompani|fabrik|quhet|punoj|фірм|компан|підприєм|завод|назива|працю|شرك|مصنع|اسم|اشتغل|بشتغل|اعمل|أعمل|خدام)/iu;

/**
 * "L'azienda è la Fonderia Ghisalba", "je travaille chez Brembo": a message that opens by naming the firm answers the
 * firm's question, even when it is long enough to look like a statement the FAQ could take.
 */
export function namesTheFirm(text: string): boolean {
  const trimmed = text.trim();
  const name = stripEmployerLeadIn(trimmed);
  if (name === trimmed || name.length < 2) return false;
  const leadIn = trimmed.slice(0, Math.max(0, trimmed.length - name.length));
  return FIRM_LEAD_IN_WORD.test(leadIn);
}

/** The answer to "come si chiama l'azienda?": a name, a refusal (skipped), or why it is not a name. */
/** A firm's legal form: "Bene srl" is a name even though "bene" alone is a yes. */
const LEGAL_FORM = /(?<![\p{L}\p{N}])(s\.?r\.?l|s\.?p\.?a|s\.?n\.?c|s\.?a\.?s|scarl|coop|cooperativa|s\.?l|s\.?a|sarl|ltd|inc|gmbh|sh\.?p\.?k|тов|пп|фоп|ат|شركة|ش\.م\.م)(?![\p{L}\p{N}])/iu;
/** Up to this many words, a yes in the worker's language ("da", "vale", "так", "ok") is an answer, not a firm's name. */
const BARE_ANSWER_WORDS = 3;

/**
 * `lang`: the language of the turn, so a yes in it ("da", "vale", "d'accord") is read as one; Italian and English
 * confirmations are recognised without it.
 */
export function readEmployer(text: string, lang?: Lang): EmployerReading {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'invalid', because: 'empty' };
  if (isRefusal(trimmed)) return { kind: 'skipped' };
  if (lang !== undefined && trimmed.split(/\s+/).length <= BARE_ANSWER_WORDS && !LEGAL_FORM.test(trimmed) && recognizeYesNo(trimmed, lang) === true) {
    return { kind: 'invalid', because: 'confirmation' };
  }
  if (looksLikeQuestion(trimmed)) return { kind: 'invalid', because: 'question' };
  if (looksLikeTime(trimmed)) return { kind: 'invalid', because: 'time' };
  if (looksLikeDate(trimmed)) return { kind: 'invalid', because: 'date' };
  if (CONFIRMATION.test(normalizeCommandText(trimmed))) return { kind: 'invalid', because: 'confirmation' };
  const contact = extractContactDetails(trimmed);
  if (contact.email || contact.phone) return { kind: 'invalid', because: 'contact' };
  const name = stripEmployerLeadIn(trimmed);
  if (name.length < 2 || name.length > 100) return { kind: 'invalid', because: 'empty' };
  return { kind: 'name', value: name };
}

export type TimeReading = { kind: 'time'; value: string } | { kind: 'invalid'; because: 'contact' | 'question' | 'empty' };

/** The answer to "quando preferisci essere contattato?": free words, but never an e-mail, a phone or a question. */
export function readPreferredTime(text: string): TimeReading {
  const value = text.slice(0, 80).trim();
  if (!value) return { kind: 'invalid', because: 'empty' };
  if (looksLikeQuestion(value)) return { kind: 'invalid', because: 'question' };
  const contact = extractContactDetails(value);
  if (contact.email || (contact.phone && !/\b\d{1,2}([:.]\d{2})?\s*(-|–|e|and|to)\s*\d{1,2}/.test(value))) return { kind: 'invalid', because: 'contact' };
  return { kind: 'time', value };
}

export type NameReading = { kind: 'name'; value: string } | { kind: 'invalid'; because: 'contact' | 'time' | 'refusal' | 'sentence' | 'empty' };

/** "Mi chiamo", "my name is", "mă numesc", "me llamo", "je m'appelle", "quhem", "мене звати", "اسمي": said before a name. */
const NAME_LEAD_IN = new RegExp(
  '^(' +
    [
      'mi chiamo', 'il mio nome [eè]', 'sono', 'io sono',
      'my name is', "my name['’]s", 'i am', "i['’]m", "it['’]s", 'call me', 'this is',
      'm[ăa] numesc', 'numele meu (este|e)', 'eu sunt', 'sunt',
      'me llamo', 'mi nombre es', 'yo soy', 'soy',
      "je m['’ ]?appelle", 'mon nom est', "moi c['’]est", 'je suis', "c['’]est",
      '(un[ëe] )?quhem', 'emri im [ëe]sht[ëe]', 'emri im', '(un[ëe] )?jam',
      'мене звати', "моє ім['’]я", 'я',
      'اسمي', 'انا اسمي', 'أنا اسمي', 'انا', 'أنا',
    ].join('|') +
    ')[\\s:,—-]+',
  'iu',
);

/** A sentence rather than a name: a request, a statement ("voglio parlare con una persona", "non lo so"). */
const SENTENCE =
  /\b(voglio|vorrei|non|abbiamo|posso|devo|parlare|grazie|want|would|need|talk|speak|don t|thanks)\b/;

/** The answer to "come ti chiami?": a name, or why it is not one (a phone, a time, a refusal, a sentence). */
export function readName(text: string): NameReading {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return { kind: 'invalid', because: 'empty' };
  const contact = extractContactDetails(trimmed);
  if (contact.email || contact.phone) return { kind: 'invalid', because: 'contact' };
  if (isRefusal(trimmed)) return { kind: 'invalid', because: 'refusal' };
  if (looksLikeTime(trimmed)) return { kind: 'invalid', because: 'time' };
  const name = trimmed.replace(NAME_LEAD_IN, '').replace(/[.!]+$/, '').trim();
  const words = normalizeCommandText(name).split(' ');
  if (words.length > 6 || SENTENCE.test(normalizeCommandText(name)) || CONFIRMATION.test(normalizeCommandText(name))) return { kind: 'invalid', because: 'sentence' };
  if (name.length < 2 || !/\p{L}/u.test(name)) return { kind: 'invalid', because: 'empty' };
  return { kind: 'name', value: name };
}

/** Words that introduce a contact ("il mio numero è", "my e-mail is", "numărul meu e", "mi correo es", "رقمي"). */
const CONTACT_LEAD_IN = new RegExp(
  `(^|\\s)(${[
    '(il )?mio (numero( di telefono| di cellulare)?|cellulare|cell|telefono|recapito|indirizzo e-?mail|e-?mail|mail)( e)?', '(numero|cellulare|cell|telefono|tel|e-?mail|mail)',
    'my (phone( number)?|number|mobile|cell|e-?mail( address)?)( is)?', '(phone|number|mobile|e-?mail)',
    '(numarul( meu)?( de telefon)?|telefonul( meu)?|e-?mailul( meu)?|adresa( mea)? de e-?mail)( este| e)?',
    '(mi )?(numero|telefono|movil|celular|correo( electronico)?|e-?mail)( es)?',
    '(mon )?(numero|telephone|portable|mail|e-?mail|adresse e-?mail)( est| c est)?',
    '(numri( im)?( i telefonit)?|telefoni( im)?|e-?maili( im)?)( eshte)?',
    '(мі[йи] )?(номер( телефону)?|телефон|мейл|email|пошта)', 'رقمي|رقم هاتفي|هاتفي|ايميلي|بريدي|رقم|هاتف|ايميل',
  ].join('|')})(?=\\s|$)[\\s:]*`,
  'giu',
);
/** "e", "è", "and", "și", "y", "et", "dhe", "і", "та", "و" left alone between the pieces of a message */
const CONNECTIVE = /(^|\s)(e|è|é|and|și|si|y|et|dhe|і|та|و)(?=\s|$)/giu;
const TIME_LEAD_IN = /^(meglio|preferibilmente|preferisco|di solito|chiamatemi|chiamami|better|preferably|i prefer|call me|best)\s+/;
const EMAIL_TOKEN = /\S+@\S+/g;
const PHONE_TOKEN = /\+?\d[\d\s./-]{5,}\d/g;

/** What a message gives besides the step's own field: the parts of "Mario Rossi, 333 1234567, meglio di mattina". */
export interface SeveralFields {
  name?: string;
  phone?: string;
  email?: string;
  time?: string;
}

function readTimePart(part: string): string | undefined {
  const form = normalizeCommandText(part);
  return looksLikeTime(part) || looksLikeTime(form.replace(TIME_LEAD_IN, '')) ? part.replace(/[.!]+$/, '').trim() : undefined;
}

/**
 * A name, a phone or an e-mail, and a time said in one message, in parts separated by commas, semicolons or new
 * lines ("Mi chiamo Mario Rossi, il mio numero è 333 1234567, meglio di mattina"; "Anna Smith, anna@example.com"). A
 * part that is none of these makes the message something else (undefined): only a message made of fields is taken
 * whole. A name beside a contact in one part ("Mario Rossi 333 1234567") is read once the contact is taken out.
 */
export function readSeveralFields(text: string): SeveralFields | undefined {
  const parts = text
    .replace(/\s+(e|and|și|si|y|et|dhe|і|та|و)\s+(?=(il mio|my|mi|mon|numarul|numri|мій|رقمي)\b)/giu, ', ')
    .split(/[,;،\n]+|\s+[-–—]\s+/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const found: SeveralFields = {};
  for (const part of parts) {
    const contact = extractContactDetails(part);
    if (contact.phone || contact.email) {
      found.phone ??= contact.phone;
      found.email ??= contact.email;
      const rest = part.replace(EMAIL_TOKEN, ' ').replace(PHONE_TOKEN, ' ');
      // what is left once the contact and its words are out ("il mio numero è"): nothing, or a name
      if (normalizeCommandText(rest).replace(CONTACT_LEAD_IN, ' ').replace(CONNECTIVE, ' ').trim() === '') continue;
      const rested = readName(rest.replace(CONTACT_LEAD_IN, ' ').replace(CONNECTIVE, ' ').replace(/\s+/g, ' ').trim());
      if (rested.kind !== 'name' || found.name !== undefined) return undefined;
      found.name = rested.value;
      continue;
    }
    const time = readTimePart(part);
    if (time !== undefined) {
      found.time ??= time;
      continue;
    }
    const name = readName(part);
    if (name.kind !== 'name' || found.name !== undefined) return undefined;
    found.name = name.value;
  }
  return found;
}

