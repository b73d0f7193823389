/**
 * Negation across the understanding layer (issue 15): a negated cue is never read as the thing it negates, in the
 * crisis, status, redundancy and yes/no recognisers alike. The verb "è" folds to "e" (the conjunction): it must not
 * end a negation's reach ("non è previsto alcun esubero", "non e fallita" typed without the accent).
 */
import { recognizeCrisis, recognizeRedundancies, recognizeStatus, recognizeYesNo } from '../../dialogs/understanding';
import type { CrisisKind, EmploymentStatus, Lang } from '../../dialogs/understanding';

describe('a negated crisis is no crisis', () => {
  test.each<[string, Lang]>([
    ['non sono in cassa', 'it'],
    ['non sono in cassa integrazione', 'it'],
    ["l'azienda non è in cassa integrazione", 'it'],
    ["l'azienda non e in cassa integrazione", 'it'],
    ["non ho mai lavorato in un'azienda in crisi", 'it'],
    ['non è fallita', 'it'],
    ['non e fallita', 'it'],
    ["non e' fallita", 'it'],
    ['la mia azienda non è mai fallita', 'it'],
    ['non è stata dichiarata fallita', 'it'],
    ["l'azienda non è in crisi", 'it'],
    ['la ditta non è in crisi', 'it'],
    ['non siamo in crisi', 'it'],
    ['no, non è in crisi', 'it'],
    ['non ha chiuso', 'it'],
    ["l'azienda non ha mai chiuso", 'it'],
    ['non abbiamo la cassa integrazione', 'it'],
    ['not on furlough', 'en'],
    ["I'm not on furlough", 'en'],
    ['the company is not in crisis', 'en'],
    ["the company didn't go bankrupt", 'en'],
    ['we are not in administration', 'en'],
    ["it isn't closing", 'en'],
    ['no, not bankrupt', 'en'],
  ])('%s (%s) -> NO_CRISIS', (text, lang) => {
    expect(recognizeCrisis(text, lang)).toBe('NO_CRISIS');
  });

  test.each<[string, Lang, string]>([
    ['non paga gli stipendi e siamo in cassa integrazione', 'it', 'OTHER_CRISIS'],
    ["non so dove andrò, l'azienda è fallita", 'it', 'INSOLVENCY'],
    ['non solo la cassa, adesso è fallita', 'it', 'INSOLVENCY'],
    ["the company isn't paying and we are on furlough", 'en', 'OTHER_CRISIS'],
  ])('a negation stops at a conjunction or a new clause: %s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeCrisis(text, lang)).toBe(expected);
  });
});

describe('a negated loss of work is never read as unemployed', () => {
  test.each<[string, Lang]>([
    ['non ho perso il lavoro', 'it'],
    ['non sono disoccupato', 'it'],
    ['non sono disoccupata', 'it'],
    ['non sono stato licenziato', 'it'],
    ['non mi hanno licenziato', 'it'],
    ['non sono in naspi', 'it'],
    ["I wasn't laid off", 'en'],
    ['I have not lost my job', 'en'],
    ["I'm not unemployed", 'en'],
    ['I was never made redundant', 'en'],
  ])('%s (%s)', (text, lang) => {
    expect(recognizeStatus(text, lang)).not.toBe('UNEMPLOYED');
  });

  test.each<[string, Lang, string]>([
    ['non lavoro più lì, sono stato licenziato', 'it', 'UNEMPLOYED'],
    ['non sono più in cassa integrazione, ho trovato lavoro', 'it', 'REEMPLOYED'],
  ])('a later plain clause still counts: %s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeStatus(text, lang)).toBe(expected);
  });
});

describe('redundancies negated, and doubt about them', () => {
  test.each<[string, Lang, string]>([
    ['non è previsto alcun esubero', 'it', 'no'],
    ['non e previsto alcun esubero', 'it', 'no'],
    ['non è previsto nessun esubero', 'it', 'no'],
    ['non sono previsti esuberi', 'it', 'no'],
    ['ma non sono previsti esuberi', 'it', 'no'],
    ["I wasn't laid off", 'en', 'no'],
    ["I don't know about redundancies", 'en', 'unknown'],
    ['non so niente degli esuberi', 'it', 'unknown'],
  ])('%s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeRedundancies(text, lang)).toBe(expected);
  });
});

describe('negated agreement is no (consent and confirmations)', () => {
  test.each<[string, Lang]>([
    ['non acconsento', 'it'],
    ['non do il consenso', 'it'],
    ['non lo voglio', 'it'],
    ['non sono d accordo', 'it'],
    ["non sono d'accordo", 'it'],
    ['non è giusto', 'it'],
    ['non è corretto', 'it'],
    ['non confermo', 'it'],
    ['non accetto', 'it'],
    ["I don't agree", 'en'],
    ['I do not agree', 'en'],
    ["I don't consent", 'en'],
    ['I do not consent', 'en'],
    ["I don't want to", 'en'],
    ['no thanks', 'en'],
    ['not ok', 'en'],
  ])('%s (%s) -> no', (text, lang) => {
    expect(recognizeYesNo(text, lang)).toBe(false);
  });
});

describe('negated crisis words typed in Italian inside the newer languages, and their own negators', () => {
  // Spanish "no", Romanian "n-", Albanian "s'", the Arabic dialects' "ما ...ش" negate as "non" does in Italian
  test.each<[string, Lang, EmploymentStatus | undefined, CrisisKind | undefined]>([
    ['no estoy en cassa integrazione', 'es', undefined, 'NO_CRISIS'],
    ['no hay licenziamento collettivo', 'es', undefined, 'NO_CRISIS'],
    ['no estoy en paro', 'es', undefined, undefined],
    ['no me han despedido', 'es', 'AT_RISK', undefined],
    ['no cobro la NASpI porque ya encontré otro trabajo', 'es', 'REEMPLOYED', undefined],
    ['n-am NASpI', 'ro', undefined, undefined],
    ["s'marr NASpI", 'sq', undefined, undefined],
    ['ما عنديش NASpI', 'ar', undefined, undefined],
    ['ما زلت في cassa integrazione', 'ar', 'AT_RISK', 'OTHER_CRISIS'],
    ['je ne suis pas en cassa integrazione', 'fr', undefined, 'NO_CRISIS'],
    ['я не в cassa integrazione', 'uk', undefined, 'NO_CRISIS'],
    ['no sé, estoy en cassa integrazione', 'es', 'AT_RISK', 'OTHER_CRISIS'],
  ])('%s (%s): status %s, crisis %s', (text, lang, status, crisis) => {
    expect(recognizeStatus(text, lang)).toBe(status);
    if (crisis !== undefined) expect(recognizeCrisis(text, lang)).toBe(crisis);
  });
});
