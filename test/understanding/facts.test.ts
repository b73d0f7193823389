import { extractFacts, loadGazetteer, type UtteranceFacts } from '../../dialogs/understanding';

const NOW = new Date('2026-06-15T10:00:00Z');
const gazetteer = loadGazetteer();

function summary(f: UtteranceFacts): Record<string, string | undefined> {
  const place =
    f.place === undefined
      ? undefined
      : f.place.kind === 'found'
        ? `${f.place.place.comune ?? '-'} (${f.place.place.provinceCode})`
        : f.place.kind === 'ambiguous'
          ? 'ASK'
          : 'NONE';
  return { place, status: f.status, crisis: f.crisis, leftOn: f.leftOn?.date };
}

describe('extractFacts', () => {
  test.each<[string, 'it' | 'en', Record<string, string | undefined>]>([
    [
      'lavoravo a Treviglio in una fabbrica in cassa integrazione',
      'it',
      { place: 'Treviglio (BG)', status: 'AT_RISK', crisis: 'OTHER_CRISIS', leftOn: undefined },
    ],
    [
      'sono stato licenziato a marzo dalla ditta di Seriate che ha chiuso',
      'it',
      { place: 'Seriate (BG)', status: 'UNEMPLOYED', crisis: 'CLOSURE', leftOn: '2026-03-01' },
    ],
    ['siamo in CIGS a Brescia e ci sono esuberi', 'it', { place: 'Brescia (BS)', status: 'AT_RISK', crisis: 'CIGS', leftOn: undefined }],
    ['sono a casa da gennaio, la fabbrica è fallita', 'it', { place: undefined, status: 'UNEMPLOYED', crisis: 'INSOLVENCY', leftOn: '2026-01-01' }],
    ['ho trovato un nuovo lavoro a Lecco', 'it', { place: 'Lecco (LC)', status: 'REEMPLOYED', crisis: undefined, leftOn: undefined }],
    ['vorrei informazioni sul progetto', 'it', { place: undefined, status: undefined, crisis: undefined, leftOn: undefined }],
    ['va bene', 'it', { place: undefined, status: undefined, crisis: undefined, leftOn: undefined }],
    ['no', 'it', { place: undefined, status: undefined, crisis: undefined, leftOn: undefined }],
    ['non lo so', 'it', { place: undefined, status: undefined, crisis: undefined, leftOn: undefined }],
    [
      'I was laid off two months ago from a plant near Bergamo that is closing down',
      'en',
      { place: 'Bergamo (BG)', status: 'UNEMPLOYED', crisis: 'CLOSURE', leftOn: '2026-04-01' },
    ],
    ["I'm on furlough, the factory in Monza is relocating to Poland", 'en', { place: 'Monza (MB)', status: 'AT_RISK', crisis: 'RELOCATION', leftOn: undefined }],
    // the firm's crisis alone says nothing about the person: no status to repeat back
    ["l'azienda chiude, posso partecipare?", 'it', { place: undefined, status: undefined, crisis: 'CLOSURE', leftOn: undefined }],
    ["l'azienda è in concordato preventivo ma lavoro normalmente", 'it', { place: undefined, status: 'AT_RISK', crisis: 'ARRANGEMENT', leftOn: undefined }],
    ['lavoro a Lugano, abito a Como', 'it', { place: '- (EE)', status: undefined, crisis: undefined, leftOn: undefined }],
  ])('%s', (text, lang, expected) => {
    expect(summary(extractFacts(text, lang, NOW, gazetteer))).toEqual(expected);
  });

  test('redundancies and a missing work history are told apart from the status', () => {
    expect(extractFacts('sono in CIGS ma non sono previsti esuberi', 'it', NOW, gazetteer)).toMatchObject({ crisis: 'CIGS', redundancies: 'no', status: 'AT_RISK' });
    expect(extractFacts('cigs con 40 esuberi', 'it', NOW, gazetteer)).toMatchObject({ crisis: 'CIGS', redundancies: 'yes' });
    expect(extractFacts('ho 23 anni e non ho mai lavorato', 'it', NOW, gazetteer)).toMatchObject({ noWorkHistory: 'never_worked' });
    expect(extractFacts('abito a Como', 'it', NOW, gazetteer).place).toEqual({ kind: 'none', excluded: 'home' });
  });

  test('an ambiguous place mentioned in passing is kept for the dialog to ask', () => {
    const facts = extractFacts('lavoravo a Sesto e sono disoccupato', 'it', NOW, gazetteer);
    expect(facts.place?.kind).toBe('ambiguous');
    expect(facts.status).toBe('UNEMPLOYED');
  });
});
