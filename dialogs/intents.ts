import { normalizeCommandText } from './commands';

export type Request = 'eligibility' | 'contact' | 'myData' | 'eraseData';

/**
 * Messages that ask the assistant to do something rather than to explain something. Only short, whole-message
 * requests count: a longer question ("sono disoccupato, rientro?") is answered from the FAQ first, with the
 * pre-check offered next to the answer.
 */
const REQUEST_PATTERNS: Array<[Request, RegExp]> = [
  ['eligibility', /^(io )?(posso|potrei|riesco a) (partecipare|aderire|accedere|rientrare|entrare)( anch io| anche io| alla misura| al progetto| ad azioni di rete)?$/],
  ['eligibility', /^(sono|sarei) (idoneo|idonea|ammesso|ammessa|ammissibile)$/],
  ['eligibility', /^(voglio|vorrei|fammi|fare|posso fare|puoi fare) (la |una )?(verifica|verificare|controllare)( se posso partecipare| i requisiti| requisiti| se ho i requisiti)?$/],
  ['eligibility', /^(ho i requisiti|verifica requisiti|verifica idoneita|requisiti)$/],
  ['eligibility', /^(can i|could i) (take part|join|apply|participate|enrol|enroll)( too)?$/],
  ['eligibility', /^(am i eligible|check (my )?eligibility|eligibility check|do i qualify|check if i can (take part|join))$/],
  ['contact', /^(voglio|vorrei|posso) (essere )?(ricontattato|ricontattata|contattato|contattata|richiamato|richiamata)$/],
  ['contact', /^(voglio|vorrei|posso) (parlare|essere messo in contatto|essere messa in contatto) con (qualcuno|un operatore|una persona|un progetto)$/],
  ['contact', /^(ricontattatemi|chiamatemi|contattatemi|richiamatemi)$/],
  ['contact', /^(i want to|i d like to|i would like to|can i) (be contacted|be called back|talk to someone|speak to someone|talk to a person)$/],
  ['contact', /^(contact me|call me( back)?)$/],
  ['eraseData', /^((voglio |vorrei )?(cancella|cancellare|elimina|eliminare|cancellate|eliminate|rimuovi|rimuovere) (tutti )?i (miei )?dati( personali)?|(delete|erase|remove) (all )?my (personal )?data|forget me)$/],
  ['myData', /^((i )?miei dati|(vedere |vedi |mostra |mostrami )?(i )?miei dati( personali)?|che dati (avete|hai|conservi|conservate)( su di me)?|quali dati (avete|hai|conservi|conservate)( su di me)?|my data|(show|see) my data|what data do you (have|keep|hold)( about me)?)$/],
];

export function recognizeRequest(text: string): Request | undefined {
  const normalized = normalizeCommandText(text).replace(/\?/g, '').trim();
  for (const [request, pattern] of REQUEST_PATTERNS) if (pattern.test(normalized)) return request;
  return undefined;
}
