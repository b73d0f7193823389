import { createGazetteer, loadGazetteer } from '../../dialogs/understanding';
import { parseAliasFile, parseComuniCsv, type ComuneRow } from '../../dialogs/understanding/placeData';

describe('loadGazetteer', () => {
  test('loads once: later calls share the same gazetteer', () => {
    // Its load time is measured by `npm run bench`, not here.
    const first = loadGazetteer();
    expect(loadGazetteer()).toBe(first);
  });

  test('knows every province, and the twelve of Lombardy in order', () => {
    const g = loadGazetteer();
    expect(g.provinceByCode('MI')).toEqual({ code: 'MI', name: 'Milano', region: 'Lombardia', inLombardy: true });
    expect(g.provinceByCode('mb')?.name).toBe('Monza e della Brianza');
    expect(g.provinceByCode('TO')?.inLombardy).toBe(false);
    expect(g.provinceByCode('EE')?.inLombardy).toBe(false);
    expect(g.provinceByCode('XX')).toBeUndefined();
    expect(g.lombardyProvinces().map((p) => p.code)).toEqual(['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA']);
  });

  test('a message read again gives the same reading, in each context its own, and a copy the caller may change', () => {
    const g = loadGazetteer();
    // "como" alone answers the place question; in a sentence it is the verb
    expect(g.recognizePlace('como', 'it', { context: 'answer' })).toMatchObject({ kind: 'found', place: { comune: 'Como' } });
    expect(g.recognizePlace('como', 'it', { context: 'sentence' })).toEqual({ kind: 'none' });
    const first = g.recognizePlace('lavoro a Lecco', 'it', { context: 'sentence' });
    if (first.kind === 'found') first.place.comune = 'changed';
    expect(g.recognizePlace('lavoro a Lecco', 'it', { context: 'sentence' })).toMatchObject({ kind: 'found', place: { comune: 'Lecco', provinceCode: 'LC' } });
  });

  test('returns copies: callers cannot change the shared data', () => {
    const g = loadGazetteer();
    const p = g.provinceByCode('MI');
    if (p) p.name = 'changed';
    g.lombardyProvinces()[0].name = 'changed';
    expect(g.provinceByCode('MI')?.name).toBe('Milano');
    expect(g.lombardyProvinces()[0].name).toBe('Bergamo');
  });
});

describe('createGazetteer over given data', () => {
  const rows: ComuneRow[] = parseComuniCsv(
    [
      'istat;nome;sigla_provincia;provincia;regione;popolazione_2011',
      '016001;Alpha;BG;Bergamo;Lombardia;1000',
      '016002;Beta Alta;BG;Bergamo;Lombardia;500',
      '001001;Beta Bassa;TO;Torino;Piemonte;9000',
      '001002;Alpha;TO;Torino;Piemonte;50',
    ].join('\n'),
  );

  test('a name in and out of Lombardy is ambiguous, Lombardy first', () => {
    const g = createGazetteer(rows);
    const r = g.recognizePlace('Alpha', 'it');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((c) => c.provinceCode)).toEqual(['BG', 'TO']);
    const narrowed = g.recognizePlace('Alpha (TO)', 'it');
    expect(narrowed.kind === 'found' && narrowed.place.provinceCode).toBe('TO');
  });

  test('aliases: manual ones win over generated ones, and are validated', () => {
    const aliases = parseAliasFile(
      JSON.stringify({
        manual: [{ alias: 'Gamma', province: 'BG', comune: 'Beta Alta' }],
        generated: [{ alias: 'Gamma', province: 'TO', population: 10 }, { alias: 'Delta', province: 'TO', population: 10 }],
      }),
    );
    const g = createGazetteer(rows, aliases);
    const gamma = g.recognizePlace('Gamma', 'it');
    expect(gamma.kind === 'found' && gamma.place.comune).toBe('Beta Alta');
    const delta = g.recognizePlace('Delta', 'it');
    expect(delta).toEqual({ kind: 'found', place: { provinceCode: 'TO', provinceName: 'Torino', region: 'Piemonte', inLombardy: false } });
    expect(() => createGazetteer(rows, { manual: [{ alias: 'X', province: 'ZZ' }], generated: [] })).toThrow(/unknown province "ZZ"/);
    expect(() => createGazetteer(rows, { manual: [{ alias: 'X', province: 'BG', comune: 'Nowhere' }], generated: [] })).toThrow(/not a comune of BG/);
  });

  test('malformed files are refused with the place of the error', () => {
    expect(() => parseComuniCsv('header\n016001;Alpha')).toThrow(/line 2/);
    expect(() => parseAliasFile('{"manual": [{"alias": "X"}]}')).toThrow(/manual\[0\]/);
    expect(() => parseAliasFile('{"manual": {}}')).toThrow(/must be a list/);
  });
});
