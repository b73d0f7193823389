import type { Language } from '../../models/i18n';
import { normalizeCommandText } from '../commands';
import { recognizeRequest } from '../intents';
import { foldAccents } from '../../models/text/fold';
import { looksLikeQuestion } from '../referral/fieldChecks';
import { asksAboutOfficeHours, asksForDefinition, asksOwnEligibility, asksToParticipate, asksWhetherTheCallIsOpen, endsWithHelpRequest, endsWithOwnCaseQuestion, speaksForTheFirm, speaksOfSomeoneElse, statesWorksite, tellsOwnFirmsState } from './participation';
import { recognizeCrisis, recognizeNoWorkHistory, recognizeStatus, type Gazetteer } from '../understanding';

/** Words that ask whether one can take part, inside a longer message. */
const PARTICIPATION_CUE =
  /\b((posso|potrei|possa|poter|potere|possiamo|potremmo|possano) (partecipare|aderire|accedere|candidarmi|iscrivermi|rientrare)|(abbia|avere|avrei|avessi) (il )?diritto|i (can|could) (take part|join|apply|participate)|i (qualify|am eligible|m eligible)|posso partecipare|potrei partecipare|posso aderire|posso accedere|posso farlo|posso farla|lo posso fare|posso candidarmi|posso entrare|potrei entrare|posso accedervi|posso prenderne parte|posso iscrivermi|posso (fare|seguire) (il percorso|i percorsi|i corsi|i servizi|il programma|il progetto)|rientro|ci rientro|rientro anch io|ho diritto|sono idone[oa]|fa per me|fa al caso mio|vale (anche )?per me|can i (take part|join|apply|participate|do it)|does it apply to me|am i eligible|do i qualify|eligible)\b/;

/**
 * A short question about one's own case ending the message ("con la naspi posso?", "sono in cigs, va bene lo
 * stesso?") or put as "e se ..." ("e se sono in naspi?", "what if I'm on NASpI?").
 */
const OWN_CASE_QUESTION = /(\b(posso|si puo|posso anch io|va bene lo stesso|vale lo stesso|can i|is that ok)\s*\?+$)|(^(e )?se (sono|ho|mi hanno|prendo|percepisco|lavoro|lavoravo)\b.*\?$)|(^what if i\b)/;

/**
 * Does a free-text message describe the worker's own case, so the pre-check should start with what it says
 * ("lavoravo a Treviglio in una fabbrica in cassa integrazione")? Two facts, or one fact and a participation
 * question. A general question about the measure ("cos'è la cassa integrazione?") has at most one fact and no cue.
 *
 * Runs on every free-text message, so the cheap recognisers go first and the place lookup (about 1 ms) only
 * runs when a place could still tip the balance.
 */
/** "Cos'è la cassa integrazione?", "what does redundancy mean?": a question about a word, not one's own case. */
const DEFINITION_QUESTION = /^(ma )?(che )?(cos e|cosa e|cosa sono|cosa significa|cosa vuol dire|che significa|che vuol dire|what is|what are|what does|what s)\b/;

/**
 * "Lavoro a Monza", "la mia fabbrica è a Lodi", "I work in Bergamo": the worker says where they work, which is the
 * pre-check's first question; with a place found it is their own case told. Followed by a question of its own
 * ("lavoro a Milano, quanto dura il percorso?") it is the question that is answered.
 */
const WORKSITE_STATEMENT =
  /^(io )?(lavoro|lavoravo|ho lavorato|lavoriamo|lavoravamo|sono impiegat[oa]|la (mia )?(sede|azienda|ditta|fabbrica|societa)( di lavoro)? (e|era|si trova|sta|stava)|lo stabilimento (e|era|si trova)|i work|i worked|i used to work|my (company|employer|factory|plant|workplace) (is|was))\b/;

/**
 * "Cosa vuol dire cassa integrazione?", "ce înseamnă concedieri colective?", "çfarë do të thotë ...": a question about
 * what a word means, in any of the eight languages. Asked in the middle of the pre-check it is a question to answer,
 * even when the word it asks about would answer the step ("cassa integrazione" at the crisis question).
 */
export function asksWhatAWordMeans(text: string): boolean {
  return DEFINITION_QUESTION.test(normalizeCommandText(text).replace(/'/g, ' ')) || asksForDefinition(text);
}

/** A meeting, a session, an event: what "partecipare" is about when it is not the measure (folded, in the eight languages). */
const AN_EVENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    'riunione|riunioni|incontro|incontri|evento|eventi|assemblea|sciopero|presentazione|webinar|sessione|serata|convegno|meeting|event|events|session|seminar|reunion|reunión|réunion|événement|evenement|întâlnire|intalnire|ședință|sedinta|eveniment|mbledhje|takim|takimi|eventin|зустріч|зустрічі|збори|захід|семінар|اجتماع|الاجتماع|لقاء|اللقاء|ندوه|الندوه',
  ).toLowerCase()})(?![\\p{L}\\p{N}])`,
  'u',
);

/**
 * "Sono una badante, posso partecipare?", "trabajo en negro, ¿puedo participar?": one's own taking part asked about,
 * with a case the recognisers cannot read. When the FAQ has no sure answer either, the pre-check is the way to find
 * out (it asks what it needs), not "non ho capito". Not a relative's case, not a firm's, not a word's meaning.
 */
export function asksAboutOwnParticipation(text: string): boolean {
  if (speaksOfSomeoneElse(text) || asksWhatAWordMeans(text) || asksWhetherTheCallIsOpen(text) || asksAboutOfficeHours(text)) return false;
  // "posso partecipare alla riunione di domani?", "can I attend the meeting?": an event, not the measure
  if (AN_EVENT.test(normalizeCommandText(text))) return false;
  // the last sentence is the whole request, with no object of its own: "..., posso partecipare?", "..., ci posso
  // entrare?"; "posso entrare in bagno?", "can I apply for a passport?" ask about something else
  const sentences = text.split(/[,.;:!\n،]+/u).map((part) => part.trim()).filter((part) => part.replace(/[?؟¿¡\s]/gu, '') !== '');
  const last = (sentences[sentences.length - 1] ?? '').replace(/^(ci|vi|ne)\s+/i, '');
  return last !== '' && recognizeRequest(last) === 'eligibility';
}

export function describesOwnCase(text: string, language: Language, gazetteer: Gazetteer): boolean {
  // "mio marito lavora in una fabbrica che chiude": a relative's case, not the writer's
  if (speaksOfSomeoneElse(text)) return false;
  // "sono il titolare, l'azienda è in concordato": the firm's side speaking, whose case is the firm's (the FAQ answers)
  if (speaksForTheFirm(text)) return false;
  const normalized = normalizeCommandText(text);
  // the six newer languages' lexicons (participation.ts) beside the Italian and English patterns
  const participation = PARTICIPATION_CUE.test(normalized) || asksToParticipate(text);
  if ((DEFINITION_QUESTION.test(normalized.replace(/'/g, ' ')) || asksForDefinition(text)) && !participation) return false;
  // "a che ora chiude l'ufficio di Milano?": an office's hours, not a firm closing
  if (asksAboutOfficeHours(text) && !participation) return false;
  // "ще можна записатися чи набір закрито?", "لسه ممكن اقدم ولا خلاص قفلوا؟": whether the call is open, whose closing
  // word is no firm's closure (the FAQ answers; its answer offers the pre-check)
  if (asksWhetherTheCallIsOpen(text)) return false;
  // (the status and crisis readings, the costliest, only for a message none of the above set aside: they are pure)
  // "non ho mai lavorato", "sono studente" tell the person's case as much as a status does
  const status = recognizeStatus(text, language) ?? (recognizeNoWorkHistory(text) ? 'OTHER' : undefined);
  const crisis = recognizeCrisis(text, language);
  // A bare "sì"/"no" reads as a crisis answer inside the dialog; in a free message it says nothing.
  // (in the eight languages: "nu pot participa la întâlnire" is no crisis told)
  const crisisStated = crisis !== undefined && crisis !== 'UNKNOWN' && !/^(si|sì|sí|no|yes|nu|da|non|oui|jo|po|ні|не|так|لا|نعم)(?![\p{L}\p{N}])/iu.test(text.trim());
  // "..., mi potete aiutare?" after one's case: help with it is what the pre-check finds out
  const cue = participation || OWN_CASE_QUESTION.test(normalized) || endsWithOwnCaseQuestion(text) || endsWithHelpRequest(text);
  const facts = (status !== undefined ? 1 : 0) + (crisisStated ? 1 : 0);
  if (facts >= 2 || (facts === 1 && cue)) return true;
  // "la mia ditta è in concordato", "mi empresa está en concurso": one's own firm's crisis told, not asked about
  if (facts === 1 && crisisStated && tellsOwnFirmsState(text) && !looksLikeQuestion(text)) return true;
  // "ho diritto a questo sostegno?", "can I apply for this programme?": one's own eligibility asked, with any object
  if (facts === 0 && asksOwnEligibility(text)) return true;
  const placeCouldDecide = (facts === 0 && (cue || ((WORKSITE_STATEMENT.test(normalized) || statesWorksite(text)) && !looksLikeQuestion(text)))) || (facts === 1 && !cue);
  if (!placeCouldDecide) return false;
  return gazetteer.recognizePlace(text, language, { context: 'sentence' }).kind === 'found';
}
