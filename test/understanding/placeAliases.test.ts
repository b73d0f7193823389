import { buildGenerated } from '../../scripts/build-place-aliases';
import type { ComuneRow } from '../../dialogs/understanding/placeData';

const row = (istat: string, name: string, provinceCode: string, population = 1000): ComuneRow => ({
  istat,
  name,
  provinceCode,
  provinceName: provinceCode,
  region: provinceCode === 'TO' ? 'Piemonte' : 'Lombardia',
  population,
});
const old = (istat: string, name: string, province: string, population = 100) => ({ istat, name, province, population });

describe('former comuni -> aliases (scripts/build-place-aliases.ts)', () => {
  const now: ComuneRow[] = [
    row('015001', 'Vermezzo con Zelo', 'MI'), // born of a merger
    row('016002', 'Godiasco Salice Terme', 'BG'), // renamed, same code
    row('016003', 'Almenno', 'BG'),
    row('013001', 'Colverde', 'CO'),
    row('013002', 'Tremezzina', 'CO'),
    row('001001', 'Torino', 'TO'),
  ];
  const before = [
    old('015100', 'Vermezzo', 'MI'),
    old('015101', 'Zelo Surrigone', 'MI'),
    old('016002', 'Godiasco', 'BG'),
    old('016003', 'Almenno', 'BG'),
    old('013100', 'Drezzo', 'CO'),
    old('001001', 'Torino', 'TO'),
  ];

  test('maps renamed and merged comuni to the comune that took them, else to the province', () => {
    const aliases = buildGenerated(before, now);
    const byAlias = Object.fromEntries(aliases.map((a) => [a.alias, a]));
    expect(byAlias.Vermezzo).toMatchObject({ province: 'MI', comune: 'Vermezzo con Zelo' });
    expect(byAlias['Zelo Surrigone']).toMatchObject({ province: 'MI', comune: 'Vermezzo con Zelo' });
    expect(byAlias.Godiasco).toMatchObject({ province: 'BG', comune: 'Godiasco Salice Terme', basis: 'renamed (same ISTAT code)' });
    // two new comuni in Como, neither named after Drezzo: only the province is sure
    expect(byAlias.Drezzo).toMatchObject({ province: 'CO', basis: 'province' });
    expect(byAlias.Drezzo.comune).toBeUndefined();
    // still comuni: no alias
    expect(byAlias.Almenno).toBeUndefined();
    expect(byAlias.Torino).toBeUndefined();
  });
});
