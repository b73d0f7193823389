import { LOMBARDY_PROVINCE_CODES, PROVINCES, isKnownProvinceCode, lookupProvince } from '../../models/eligibility';

describe('provinces', () => {
  test('107 provinces and metropolitan cities, 12 in Lombardy', () => {
    expect(PROVINCES.size).toBe(107);
    expect([...LOMBARDY_PROVINCE_CODES].sort()).toEqual(['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MB', 'MI', 'MN', 'PV', 'SO', 'VA']);
  });

  test('every sigla is two upper-case letters', () => {
    for (const sigla of PROVINCES.keys()) expect(sigla).toMatch(/^[A-Z]{2}$/);
  });

  test.each([
    ['BG', true],
    ['mi', true],
    ['Mb', true],
    ['PC', false], // Piacenza, on the Lombardy border
    ['NO', false], // Novara
    ['VB', false],
    ['SU', false],
    ['OT', false], // former Sardinian sigla, accepted as outside Lombardy
  ])('%s in Lombardy: %s', (code, inLombardy) => {
    expect(lookupProvince(code)?.inLombardy).toBe(inLombardy);
  });

  test.each(['XX', '', 'B', 'BGG', 'toString', '__proto__'])('%p is not a province', (code) => {
    expect(isKnownProvinceCode(code)).toBe(false);
  });
});
