/**
 * Past dates in the six newer languages (dialogs/understanding/dateWords.ts read through dates.ts): the forms the
 * bot's own date question suggests in each language («în martie», «acum două luni»), "last year/month", Arabic duals,
 * and everyday words that look like a month ("nu mai lucrez": "mai" is "any more", not May).
 */
import { recognizePastDate } from '../../dialogs/understanding';
import type { Lang } from '../../dialogs/understanding';

const now = new Date(2026, 11, 7, 10, 0, 0); // 7 December 2026

test.each<[Lang, string, string]>([
  ['ro', 'în martie', '2026-03-01'],
  ['ro', 'acum două luni', '2026-10-01'],
  ['ro', 'luna trecută', '2026-11-01'],
  ['ro', 'în mai 2025', '2025-05-01'],
  ['es', 'hace dos meses', '2026-10-01'],
  ['es', 'en marzo de 2025', '2025-03-01'],
  ['es', 'el año pasado', '2025-01-01'],
  ['fr', 'il y a deux mois', '2026-10-01'],
  ['fr', 'en janvier', '2026-01-01'],
  ['fr', 'le 15 mars', '2026-03-15'],
  ['sq', 'para dy muajsh', '2026-10-01'],
  ['sq', 'dy muaj më parë', '2026-10-01'],
  ['sq', 'në janar', '2026-01-01'],
  ['uk', 'у березні', '2026-03-01'],
  ['uk', 'два місяці тому', '2026-10-01'],
  ['uk', 'минулого року', '2025-01-01'],
  ['ar', 'في شهر مارس', '2026-03-01'],
  ['ar', 'منذ شهرين', '2026-10-01'],
  ['ar', 'منذ ثلاثة أشهر', '2026-09-01'],
  ['ar', 'الشهر الماضي', '2026-11-01'],
])('%s %p is %s', (lang, text, date) => {
  expect(recognizePastDate(text, lang, now)?.date).toBe(date);
});

test.each<[Lang, string]>([
  ['ro', 'nu mai lucrez acolo'],
  ['fr', 'mais je ne travaille plus'],
  ['uk', 'я працюю на заводі'],
  ['es', 'no me acuerdo'],
])('%s %p has no date', (lang, text) => {
  expect(recognizePastDate(text, lang, now)).toBeUndefined();
});
