/** A work site said to be outside Lombardy without a comune (dialogs/understanding/outsideLombardy.ts). */
import { saysOutsideLombardy } from '../../dialogs/understanding/outsideLombardy';

test.each(['non in Lombardia', 'fuori regione', 'in Piemonte', 'lavoravo in Emilia-Romagna', 'Toscana', 'outside Lombardy', 'I worked in Piedmont', 'în afara Lombardiei', 'fuera de Lombardía', 'hors de la Lombardie', 'jashtë Lombardisë', 'за межами Ломбардії', 'خارج لومبارديا'])(
  '%s is outside Lombardy',
  (text) => {
    expect(saysOutsideLombardy(text)).toBe(true);
  },
);

test.each(['in Lombardia', 'non so', 'vivo in Piemonte', 'Bergamo', 'è in Lombardia?', 'lavoro in Lombardia ma abito in Piemonte', 'la Lombardia'])('%s is not', (text) => {
  expect(saysOutsideLombardy(text)).toBe(false);
});
