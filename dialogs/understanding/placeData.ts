/**
 * The files behind the gazetteer (content/places/): the ISTAT list of comuni and the alias file. Parsing lives here
 * so the runtime gazetteer and the script that builds the aliases read them the same way.
 */

export interface ComuneRow {
  istat: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  region: string;
  population: number;
}

/** `istat;nome;sigla_provincia;provincia;regione;popolazione_2011`, UTF-8, one header line. */
export function parseComuniCsv(text: string): ComuneRow[] {
  const rows: ComuneRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const [istat, name, provinceCode, provinceName, region, population] = line.split(';');
    if (!istat || !name || !provinceCode || !provinceName || !region) {
      throw new Error(`comuni CSV: malformed line ${i + 1}: ${line}`);
    }
    rows.push({ istat, name, provinceCode, provinceName, region, population: Number(population) || 0 });
  }
  return rows;
}

/**
 * One alternative name. With `comune` it points at that comune of `province`; without, at the whole province
 * (a former comune whose absorber is not known, an area such as "Valtellina", an adjective such as "bresciano").
 */
export interface AliasEntry {
  alias: string;
  province: string;
  comune?: string;
  /** people who live under that name (2011 census), to rank ambiguous readings; 0 when not known */
  population?: number;
  /** the alias wins over a comune that has the same name ("bergamasco" is the Bergamo area, not Bergamasco AL) */
  override?: boolean;
  /** how a generated alias was resolved, or a staff note */
  basis?: string;
  note?: string;
}

export interface AliasFile {
  _about?: string;
  manual: AliasEntry[];
  generated: AliasEntry[];
}

function isAliasEntry(value: unknown): value is AliasEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.alias === 'string' &&
    v.alias.trim() !== '' &&
    typeof v.province === 'string' &&
    (v.comune === undefined || typeof v.comune === 'string') &&
    (v.population === undefined || typeof v.population === 'number') &&
    (v.override === undefined || typeof v.override === 'boolean')
  );
}

/** Validates the staff-editable alias file with a message that names the bad entry. */
export function parseAliasFile(json: string): AliasFile {
  const data: unknown = JSON.parse(json);
  if (typeof data !== 'object' || data === null) throw new Error('aliases.json: not an object');
  const d = data as Record<string, unknown>;
  const out: AliasFile = { manual: [], generated: [] };
  if (typeof d._about === 'string') out._about = d._about;
  for (const section of ['manual', 'generated'] as const) {
    const list = d[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new Error(`aliases.json: "${section}" must be a list`);
    list.forEach((entry: unknown, i: number) => {
      if (!isAliasEntry(entry)) throw new Error(`aliases.json: ${section}[${i}] needs "alias" and "province": ${JSON.stringify(entry)}`);
      out[section].push(entry);
    });
  }
  return out;
}
