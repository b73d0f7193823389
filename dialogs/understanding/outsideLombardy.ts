import { foldLatinAccents } from '../../models/text/fold';
import { normalizeCommandText } from '../commands';

/**
 * A work site said to be outside Lombardy without a comune: "non in Lombardia", "fuori regione", "in Piemonte",
 * "outside Lombardy", "în afara Lombardiei", "fuera de Lombardía", "hors de Lombardie", "jashtë Lombardisë",
 * "за межами Ломбардії", "خارج لومبارديا". Another Italian region by its Italian name (as workers write it in any
 * language) or its English one is outside too. The place step reads this only when no comune or province was found,
 * and never a home ("vivo in Piemonte" is set aside before it, by the gazetteer).
 */
const OTHER_REGIONS = [
  'piemonte', 'piedmont', 'valle d aosta', 'val d aosta', 'aosta valley', 'liguria', 'veneto', 'trentino', 'alto adige', 'sudtirol', 'south tyrol',
  'friuli', 'friuli venezia giulia', 'emilia', 'emilia romagna', 'romagna', 'toscana', 'tuscany', 'umbria', 'marche', 'lazio', 'abruzzo', 'molise',
  'campania', 'puglia', 'apulia', 'basilicata', 'calabria', 'sicilia', 'sicily', 'sardegna', 'sardinia',
];
const OUTSIDE_PHRASES = [
  'fuori (dalla |della )?lombardia', 'non (e )?(in|nella) lombardia', 'fuori regione', '(in )?un altra regione', 'in altra regione',
  'outside (of )?lombardy', 'not in lombardy', '(in )?another region',
  'in afara lombardiei', 'nu (e |este )?in lombardia', '(in )?alta regiune',
  'fuera de lombardia', 'no (esta |es )?en lombardia', '(en )?otra region',
  'hors de (la )?lombardie', 'en dehors de (la )?lombardie', 'pas en lombardie', '(dans )?une autre region',
  'jashte lombardise', 'jashte lombardi(se|e)?', 'jo ne lombardi', '(ne )?nje rajon tjeter',
  'за межами ломбардії', 'поза ломбардією', 'не в ломбардії', '(в )?іншому регіоні', '(в )?іншій області',
  'خارج لومبارديا', 'ليس في لومبارديا', 'مش في لومبارديا', '(في )?منطقة اخرى',
];
const LEAD = '((lavoro|lavoravo|lavora|la sede e|la sede era|e|era|sono|i work|i worked|it is|it s|it was|lucrez|am lucrat|trabajo|trabajaba|je travaille|je travaillais|c est|punoj|kam punuar|працюю|працював|працювала|اعمل|كنت اعمل) )?';
const OUTSIDE = new RegExp(
  `^${LEAD}((in |nel |nella |a |en |in the |ne |в |у |في )?(${OTHER_REGIONS.join('|')})|${foldLatinAccents(OUTSIDE_PHRASES.join('|'))})$`,
  'u',
);

export function saysOutsideLombardy(text: string): boolean {
  const form = normalizeCommandText(text).replace(/[?؟]/g, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
  return form !== '' && form.split(' ').length <= 8 && OUTSIDE.test(form);
}
