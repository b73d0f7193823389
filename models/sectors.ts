/**
 * Economic sectors as the pre-check records them and network projects declare them, so a worker's answer and a
 * project's coverage compare by id. Labels live in the UI strings (eligibility.sector.<id>).
 */
export const SECTORS = ['metalworking', 'textile', 'chemical', 'food', 'retail', 'logistics', 'construction', 'services', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

/** Words people use for each sector (folded: lower case, no accents), Italian and English. */
const SECTOR_WORDS: Record<Exclude<Sector, 'other'>, string[]> = {
  metalworking: ['metalmeccanic', 'meccanic', 'metallurgic', 'siderurgic', 'acciai', 'automotive', 'elettromeccanic', 'metal', 'engineering', 'steel', 'fonderi', 'carpenteria metallica', 'elettrodomestic'],
  textile: ['tessil', 'abbigliamento', 'moda', 'calzatur', 'confezion', 'textile', 'clothing', 'fashion', 'garment', 'shoe'],
  chemical: ['chimic', 'farmaceutic', 'plastic', 'gomma', 'chemical', 'pharma', 'rubber'],
  food: ['alimentar', 'agroalimentar', 'food', 'caseific', 'dolciar', 'bevande', 'beverage'],
  retail: ['commercio', 'negozi', 'supermercat', 'grande distribuzione', 'gdo', 'vendita', 'retail', 'shop', 'store', 'wholesale'],
  logistics: ['logistic', 'trasport', 'magazzin', 'spedizion', 'corrier', 'logistics', 'transport', 'warehouse', 'shipping', 'delivery'],
  construction: ['edil', 'costruzion', 'cantier', 'construction', 'building'],
  services: ['serviz', 'pulizi', 'call center', 'informatic', 'ristorazion', 'turism', 'alberg', 'banca', 'assicuraz', 'services', 'cleaning', 'hospitality', 'software'],
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

/** The sector a free-text description points to, or undefined when none does. */
export function sectorFromText(text: string): Sector | undefined {
  const folded = fold(text);
  for (const [sector, words] of Object.entries(SECTOR_WORDS) as Array<[Sector, string[]]>) {
    if (words.some((w) => folded.includes(w))) return sector;
  }
  return undefined;
}
