import { describesOwnCase } from '../../dialogs/eligibility/trigger';
import { endsWithHelpRequest } from '../../dialogs/eligibility/participation';
import { loadGazetteer, recognizeStatus, type Lang } from '../../dialogs/understanding';
import type { Language } from '../../models/i18n';

const gazetteer = loadGazetteer();

describe('a contract that ended, in the eight languages', () => {
  test.each<[string, Lang]>([
    ["m'è scaduto il contratto a settembre", 'it'],
    ['è terminato il mio contratto a fine anno', 'it'],
    ['non mi hanno più rinnovato', 'it'],
    ['my contract expired in the summer', 'en'],
    ['se me terminó el contrato en agosto', 'es'],
    ['el contrato se me acabó hace dos semanas', 'es'],
    ["mon contrat d'intérim est fini depuis lundi", 'fr'],
    ['fin de mission en octobre', 'fr'],
    ['mi s-a încheiat contractul în august', 'ro'],
    ['nu mi-au prelungit contractul', 'ro'],
    ['më skadoi kontrata muajin e kaluar', 'sq'],
    ['мій договір закінчився у вересні', 'uk'],
    ['انتهى عقدي الشهر الماضي', 'ar'],
  ])('%s (%s) -> out of work', (text, lang) => {
    expect(recognizeStatus(text, lang)).toBe('UNEMPLOYED');
  });

  test.each<[string, Lang]>([
    // a contract still running, or ending later, is no contract ended
    ['il contratto mi scade a dicembre', 'it'],
    ['mi contrato vence en diciembre', 'es'],
  ])('%s (%s) is not out of work', (text, lang) => {
    expect(recognizeStatus(text, lang)).not.toBe('UNEMPLOYED');
  });
});

describe('help asked for after one\'s own case told starts the pre-check', () => {
  test.each<[string, Language]>([
    ['ho perso il posto a ottobre, cosa posso fare?', 'it'],
    ['mi hanno mandato via dalla fabbrica, mi potete dare una mano?', 'it'],
    ['they made me redundant in June. What can I do?', 'en'],
    ['me despidieron en junio, ¿qué puedo hacer?', 'es'],
    ["j'ai été licencié en juin, vous pouvez m'aider ?", 'fr'],
    ['am fost concediat în iunie, ce pot face?', 'ro'],
    ['më pushuan nga puna në qershor, a mund të më ndihmoni?', 'sq'],
    ['мене звільнили в червні, що мені робити?', 'uk'],
    ['تم فصلي من العمل في يونيو، ماذا أفعل؟', 'ar'],
  ])('%s', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });

  test.each<[string, Language]>([
    // help with something of its own is a question for the FAQ; help alone is the help command
    ['ho perso il lavoro, mi aiutate a scrivere il curriculum?', 'it'],
    ['mi potete aiutare?', 'it'],
    ['can you help me?', 'en'],
    // someone else's case
    ['mio fratello è stato licenziato, cosa può fare?', 'it'],
  ])('%s does not', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });

  test('the help request must be the whole last clause', () => {
    expect(endsWithHelpRequest('sono disoccupato, mi potete aiutare?')).toBe(true);
    expect(endsWithHelpRequest('sono disoccupato, mi potete aiutare a trovare un corso?')).toBe(false);
    expect(endsWithHelpRequest('mi potete aiutare?')).toBe(false);
  });
});

describe("one's own firm's crisis told is one's own case", () => {
  test.each<[string, Language]>([
    ['la mia azienda è in concordato preventivo', 'it'],
    ['la ditta dove lavoro è in amministrazione straordinaria', 'it'],
    ['my company is in administration', 'en'],
    ['mi empresa está en concurso de acreedores', 'es'],
    ['mon entreprise est en redressement judiciaire', 'fr'],
  ])('%s', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });

  test.each<[string, Language]>([
    // asked about, not told
    ['la mia azienda è in concordato: che cosa succede ai dipendenti?', 'it'],
    ["un'azienda in concordato può presentare un progetto?", 'it'],
  ])('%s is not', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });
});

describe('what looks like one of these but is not (found by attacking them)', () => {
  test.each<[string, Lang]>([
    ['sono ancora dentro i termini per iscrivermi?', 'it'],
    ['non mi hanno più rinnovato la cassa integrazione', 'it'],
    ['non mi hanno rinnovato il permesso di soggiorno', 'it'],
    ["mi è scaduto il contratto d'affitto", 'it'],
    ['no me renovaron el permiso de residencia', 'es'],
    ['se me acabó el contrato de alquiler', 'es'],
    ["on ne m'a pas renouvelé ma carte de séjour", 'fr'],
    ['mi s-a terminat contractul de închiriere', 'ro'],
    ['më mbaroi kontrata e qirasë', 'sq'],
    ['закінчився договір оренди', 'uk'],
    ['ما جددوا لي الإقامة', 'ar'],
    ["they didn't let me go on holiday", 'en'],
    ['my things are still in the factory', 'en'],
  ])('%s (%s) says nothing of a job', (text, lang) => {
    expect(recognizeStatus(text, lang)).toBeUndefined();
  });

  test.each<[string, Lang, string]>([
    ['è scaduto il contratto nazionale ma lavoro ancora', 'it', 'AT_RISK'],
    ["mon CDD est fini mais ils m'ont embauché en CDI", 'fr', 'REEMPLOYED'],
    ["they didn't lay me off, I quit", 'en', 'UNEMPLOYED'],
  ])('%s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeStatus(text, lang)).toBe(expected);
  });

  test.each<[string, Language]>([
    ['a mia figlia è scaduto il contratto, cosa possiamo fare?', 'it'],
    ['a mi hijo se le acabó el contrato, ¿qué podemos hacer?', 'es'],
    ['fiului meu i s-a terminat contractul, ce putem face?', 'ro'],
    ['djalit tim i mbaroi kontrata, çfarë mund të bëjmë?', 'sq'],
    ['мого чоловіка звільнили, що нам робити?', 'uk'],
    ['non capisco la differenza tra cassa integrazione e NASpI, mi potete aiutare?', 'it'],
    ["I don't understand the difference between CIGS and NASpI, can you help me?", 'en'],
    ['не розумію, що таке колективні звільнення, допоможіть', 'uk'],
    ["I'm an HR manager, my company is in administration, what can we do?", 'en'],
    ['lavoro come curatore fallimentare', 'it'],
    ['la mia ditta era in concordato ma adesso va bene', 'it'],
  ])('%s does not start the pre-check', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });
});

describe('the firm side is who the writer says they are, not whom they name', () => {
  test.each<[string, Language]>([
    ["mon patron m'a viré le mois dernier, que puis-je faire ?", 'fr'],
    ['il titolare mi ha licenziato a settembre, cosa posso fare?', 'it'],
    ['the owner laid us all off in May, what can I do?', 'en'],
  ])('%s still starts the pre-check', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });

  test.each<[string, Language]>([
    ["sono il titolare, l'azienda è in concordato: cosa possiamo fare?", 'it'],
    ['je suis le patron, mon entreprise est en redressement judiciaire', 'fr'],
  ])('%s does not', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });
});
