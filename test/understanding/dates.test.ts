import { recognizePastDate, type DateReading, type Lang } from '../../dialogs/understanding';

/** A fixed clock: never the real one. Mid-June, so "a settembre" is last September and "a marzo" this March. */
const NOW = new Date('2026-06-15T10:00:00Z');

type Case = [string, string, DateReading['granularity']];

describe('recognizePastDate (it)', () => {
  test.each<Case>([
    ['a marzo', '2026-03-01', 'month'],
    ['marzo', '2026-03-01', 'month'],
    ['sono a casa da marzo', '2026-03-01', 'month'],
    ['da gennaio', '2026-01-01', 'month'],
    ['a settembre', '2025-09-01', 'month'],
    ['a dicembre', '2025-12-01', 'month'],
    ['a giugno', '2026-06-01', 'month'],
    ['a metà maggio', '2026-05-01', 'month'],
    ['due mesi fa', '2026-04-01', 'month'],
    ['2 mesi fa', '2026-04-01', 'month'],
    ['un paio di mesi fa', '2026-04-01', 'month'],
    ['il mese scorso', '2026-05-01', 'month'],
    ['da tre mesi', '2026-03-01', 'month'],
    ['da un paio di mesi', '2026-04-01', 'month'],
    ['marzo 2024', '2024-03-01', 'month'],
    ['02/2025', '2025-02-01', 'month'],
    ["ad agosto dell'anno scorso", '2025-08-01', 'month'],
    ["a marzo dell'anno scorso", '2025-03-01', 'month'],
    ['15/02/2025', '2025-02-15', 'day'],
    ['15.02.2025', '2025-02-15', 'day'],
    ['15-02-2025', '2025-02-15', 'day'],
    ['1/3/2025', '2025-03-01', 'day'],
    ['mi hanno licenziato il 3 marzo 2025', '2025-03-03', 'day'],
    ['15 febbraio', '2026-02-15', 'day'],
    ['il 20 luglio', '2025-07-20', 'day'],
    ['ieri', '2026-06-14', 'day'],
    ['oggi', '2026-06-15', 'day'],
    ['tre settimane fa', '2026-05-25', 'day'],
    ['lunedì scorso', '2026-06-08', 'day'],
    ['dal primo febbraio', '2026-02-01', 'day'],
    ['lo scorso anno', '2025-01-01', 'year'],
    ["l'anno scorso", '2025-01-01', 'year'],
    ['un anno fa', '2025-01-01', 'year'],
    ['nel 2023', '2023-01-01', 'year'],
    ['a fine 2024', '2024-01-01', 'year'],
    ["quest'anno", '2026-01-01', 'year'],
    ['a inizio anno', '2026-01-01', 'year'],
    ['sono disoccupata da due anni', '2024-01-01', 'year'],
  ])('%s -> %s (%s)', (text, date, granularity) => {
    expect(recognizePastDate(text, 'it', NOW)).toEqual({ date, granularity });
  });

  test.each(['ora', 'adesso', 'tra due mesi', 'domani', '15/02/2030', 'boh', 'sono in cassa integrazione', 'ciao', 'va bene', ''])(
    '%s is no past date',
    (text) => {
      expect(recognizePastDate(text, 'it', NOW)).toBeUndefined();
    },
  );

  test('a month named in January is last year when it has not come yet', () => {
    expect(recognizePastDate('a marzo', 'it', new Date('2026-01-10T10:00:00Z'))).toEqual({ date: '2025-03-01', granularity: 'month' });
  });
});

describe('recognizePastDate (en)', () => {
  test.each<Case>([
    ['in March', '2026-03-01', 'month'],
    ['since January', '2026-01-01', 'month'],
    ['in September', '2025-09-01', 'month'],
    ['two months ago', '2026-04-01', 'month'],
    ['a couple of months ago', '2026-04-01', 'month'],
    ['for three months', '2026-03-01', 'month'],
    ['March last year', '2025-03-01', 'month'],
    ['last year', '2025-01-01', 'year'],
    ['in 2023', '2023-01-01', 'year'],
    ['early 2024', '2024-01-01', 'year'],
    ['15/02/2025', '2025-02-15', 'day'],
    ['on 3 March 2025', '2025-03-03', 'day'],
    ['yesterday', '2026-06-14', 'day'],
    ['last week', '2026-06-08', 'day'],
    ['a marzo', '2026-03-01', 'month'],
  ])('%s -> %s (%s)', (text, date, granularity) => {
    expect(recognizePastDate(text, 'en' as Lang, NOW)).toEqual({ date, granularity });
  });

  test.each(['now', 'tomorrow', 'next month', 'hello'])('%s is no past date', (text) => {
    expect(recognizePastDate(text, 'en', NOW)).toBeUndefined();
  });
});

describe('recognizePastDate with Arabic-Indic digits', () => {
  test('an Arabic worker typing the day in Arabic-Indic digits gets the same date as in Western digits', () => {
    const western = recognizePastDate('15/03/2025', 'it', NOW);
    expect(western).toBeDefined();
    expect(recognizePastDate('١٥/٠٣/٢٠٢٥', 'it', NOW)).toEqual(western);
    expect(recognizePastDate('۱۵/۰۳/۲۰۲۵', 'it', NOW)).toEqual(western);
  });
});
