/**
 * Italian provinces and metropolitan cities by sigla (the two-letter code), with whether they are in Lombardy.
 *
 * The 107 entries follow the ISTAT list in force since 2017 (Sardinia with CA, NU, OR, SS, SU). Lombardy's twelve
 * (BG BS CO CR LC LO MN MI MB PV SO VA) are the ones listed in FACTS.md, "Provinces of Lombardy".
 */
export interface ProvinceInfo {
  region: string;
  inLombardy: boolean;
}

const BY_REGION: ReadonlyArray<readonly [region: string, sigle: readonly string[]]> = [
  ['Piemonte', ['AL', 'AT', 'BI', 'CN', 'NO', 'TO', 'VB', 'VC']],
  ["Valle d'Aosta", ['AO']],
  ['Lombardia', ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA']],
  ['Trentino-Alto Adige', ['BZ', 'TN']],
  ['Veneto', ['BL', 'PD', 'RO', 'TV', 'VE', 'VR', 'VI']],
  ['Friuli-Venezia Giulia', ['GO', 'PN', 'TS', 'UD']],
  ['Liguria', ['GE', 'IM', 'SP', 'SV']],
  ['Emilia-Romagna', ['BO', 'FE', 'FC', 'MO', 'PR', 'PC', 'RA', 'RE', 'RN']],
  ['Toscana', ['AR', 'FI', 'GR', 'LI', 'LU', 'MS', 'PI', 'PT', 'PO', 'SI']],
  ['Umbria', ['PG', 'TR']],
  ['Marche', ['AN', 'AP', 'FM', 'MC', 'PU']],
  ['Lazio', ['FR', 'LT', 'RI', 'RM', 'VT']],
  ['Abruzzo', ['AQ', 'CH', 'PE', 'TE']],
  ['Molise', ['CB', 'IS']],
  ['Campania', ['AV', 'BN', 'CE', 'NA', 'SA']],
  ['Puglia', ['BA', 'BT', 'BR', 'FG', 'LE', 'TA']],
  ['Basilicata', ['MT', 'PZ']],
  ['Calabria', ['CS', 'CZ', 'KR', 'RC', 'VV']],
  ['Sicilia', ['AG', 'CL', 'CT', 'EN', 'ME', 'PA', 'RG', 'SR', 'TP']],
  ['Sardegna', ['CA', 'NU', 'OR', 'SS', 'SU']],
];

/**
 * Sardinian sigle outside the 107 (CI, VS, OG, OT): Sardinia's provinces have been reorganised more than once and
 * these codes are still in common use. They are accepted so that a Sardinian work site gets a clear "outside
 * Lombardy" answer instead of a validation error; they can never be in Lombardy.
 */
const OTHER_SARDINIAN_SIGLE: readonly string[] = ['CI', 'VS', 'OG', 'OT'];

function buildTable(): ReadonlyMap<string, ProvinceInfo> {
  const table = new Map<string, ProvinceInfo>();
  for (const [region, sigle] of BY_REGION) {
    for (const sigla of sigle) table.set(sigla, { region, inLombardy: region === 'Lombardia' });
  }
  return table;
}

/** The 107 provinces and metropolitan cities, keyed by upper-case sigla. */
export const PROVINCES: ReadonlyMap<string, ProvinceInfo> = buildTable();

/** The twelve sigle of Lombardy. */
export const LOMBARDY_PROVINCE_CODES: readonly string[] = [...PROVINCES]
  .filter(([, info]) => info.inLombardy)
  .map(([sigla]) => sigla);

/** The province for a sigla (case-insensitive), or undefined when it is not a known Italian sigla. */
export function lookupProvince(code: string): ProvinceInfo | undefined {
  const sigla = code.toUpperCase();
  const info = PROVINCES.get(sigla);
  if (info) return info;
  if (OTHER_SARDINIAN_SIGLE.includes(sigla)) return { region: 'Sardegna', inLombardy: false };
  return undefined;
}

export function isKnownProvinceCode(code: string): boolean {
  return lookupProvince(code) !== undefined;
}
