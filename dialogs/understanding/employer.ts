/**
 * Is the message written for a firm rather than by a worker about their own job ("sono dell'ufficio HR di
 * un'azienda in crisi, come partecipiamo?", "we are an employer, how do we get involved?")? Then the answer is the
 * one for firms (how a project is formed), never the worker's pre-check, however many crisis words it holds.
 */
import { normalize } from './normalize';

const EMPLOYER_SPEAKER = new RegExp(
  [
    // who is writing
    '\\b(sono|siamo|lavoro|lavoriamo|scrivo) (del |dell |dall |nell |per l |per la |nella |della )?(ufficio )?(hr|risorse umane|ufficio (del )?personale|personale|direzione( del personale)?|amministrazione)\\b',
    '\\b(responsabile|direttore|direttrice|ufficio|gestione) (del |delle )?(personale|hr|risorse umane)\\b',
    '\\b(sono|siamo) (un |una |l )?(azienda|impresa|ditta|datore di lavoro|titolare|imprenditore|imprenditrice|amministratore|amministratrice)\\b',
    '\\b(i nostri|dei nostri|ai nostri|per i nostri) (dipendenti|lavoratori|collaboratori|operai)\\b',
    '\\b(la mia|la nostra|nostra) (azienda|impresa|ditta) (puo|potrebbe|come|deve)\\b',
    '\\bcome (puo|possono|potrebbe) (aderire|partecipare|entrare) (la mia |la nostra |un |una )?(azienda|impresa|ditta)\\b',
    '\\b(come|noi come) (azienda|impresa|datore di lavoro)\\b',
    "\\b(i m|i am|we re|we are) (in |from |with )?(hr|human resources|the hr department|an employer|a company|a firm|the employer|the owner|a business)\\b",
    '\\b(our|my) (employees|staff|workers|workforce)\\b',
    '\\b(as an employer|as a company)\\b',
    '\\bhow (can|do|does|could) (a |my |our )?(company|firm|employer|business) (join|take part|participate|get involved|apply)\\b',
  ].join('|'),
);

export function speaksForEmployer(text: string): boolean {
  return EMPLOYER_SPEAKER.test(normalize(text));
}
