import { SECTORS, isSector, type Sector } from './projects/project';
import { foldLatinAccents } from './text/fold';

/**
 * Economic sectors as the pre-check records them and network projects declare them: one list (models/projects),
 * so a worker's answer and a project's coverage compare by code. Labels live in the UI strings
 * (eligibility.sector.<code>). This module reads a sector from what people type.
 */
export { SECTORS, isSector, type Sector };

/** Words people use for each sector (folded: lower case, no accents), Italian and English. */
const SECTOR_WORDS: Record<Sector, string[]> = {
  metalmeccanico: ['metalmeccanic', 'meccanic', 'metallurg', 'siderurg', 'acciai', 'steelwork', 'foundry', 'automotive', 'elettromeccanic', 'metalwork', 'engineering', 'steel', 'fonderi', 'carpenteria metallica', 'elettrodomestic'],
  tessile: ['tessil', 'tessitur', 'filatur', 'abbigliamento', 'moda', 'calzatur', 'confezion', 'textile', 'clothing', 'fashion', 'garment', 'shoe'],
  chimico: ['chimic', 'farmaceutic', 'plastic', 'gomma', 'chemical', 'pharma', 'rubber'],
  alimentare: ['alimentar', 'agroalimentar', 'food', 'caseific', 'dolciar', 'bevande', 'beverage'],
  commercio: ['commercio', 'negozi', 'supermercat', 'grande distribuzione', 'gdo', 'vendita', 'retail', 'shop', 'store', 'wholesale'],
  logistica: ['logistic', 'trasport', 'magazzin', 'spedizion', 'corrier', 'transport', 'warehouse', 'shipping', 'delivery'],
  edilizia: ['edil', 'costruzion', 'impiantistic', 'cantier', 'construction', 'building'],
  'legno-arredo': ['legno', 'arredo', 'mobil', 'furniture', 'wood'],
  'carta-grafica': ['carta', 'cartar', 'cartier', 'grafic', 'stampa', 'tipograf', 'paper', 'printing'],
  ict: ['informatic', 'software', 'telecomunicazion', 'ict', 'it ', 'computer', 'telecom'],
  servizi: ['serviz', 'pulizi', 'call center', 'banca', 'assicuraz', 'services', 'cleaning'],
  turismo: ['turism', 'alberg', 'hotel', 'ristorazion', 'ristorant', 'tourism', 'hospitality', 'restaurant'],
};

function fold(text: string): string {
  return ` ${foldLatinAccents(text).toLowerCase()} `;
}

/** The sector a free-text description points to, or undefined when none does. */
export function sectorFromText(text: string): Sector | undefined {
  const folded = fold(text);
  for (const sector of SECTORS) {
    if (SECTOR_WORDS[sector].some((w) => folded.includes(w))) return sector;
  }
  return undefined;
}
