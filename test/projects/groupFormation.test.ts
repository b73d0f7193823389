import { groupFormation, type GroupLead } from '../../models/projects/groupFormation';

function leads(n: number, firm: string | undefined, sector = 'metalmeccanico', province = 'BG', over: Partial<GroupLead> = {}): GroupLead[] {
  return Array.from({ length: n }, () => ({ status: 'new', projectId: null, province, employer: { ...(firm ? { name: firm } : {}), sector }, ...over }));
}

describe('groupFormation', () => {
  test('the best three firms of a sector and province, and whether they reach 10 workers', () => {
    const result = groupFormation([
      ...leads(5, 'Alfa Meccanica srl'),
      ...leads(2, 'ALFA MECCANICA S.R.L.'),
      ...leads(1, 'Alfa Mecanica'), // typo: same firm
      ...leads(1, 'Beta spa'),
      ...leads(1, 'Gamma Viti snc'),
      ...leads(1, 'Delta Bulloni'),
      ...leads(2, undefined),
    ]);
    expect(result).toEqual([
      {
        sector: 'metalmeccanico',
        province: 'BG',
        firms: [
          { firm: 'Alfa Meccanica srl', workers: 8 },
          { firm: 'Beta spa', workers: 1 },
          { firm: 'Delta Bulloni', workers: 1 },
        ],
        workers: 10,
        canForm: true,
        otherFirms: [{ firm: 'Gamma Viti snc', workers: 1 }],
        withoutFirm: 2,
      },
    ]);
  });

  test('9 workers cannot form a project; groups are per sector and province', () => {
    const result = groupFormation([
      ...leads(4, 'Tessitura Uno', 'tessile', 'CO'),
      ...leads(3, 'Tessitura Due', 'tessile', 'CO'),
      ...leads(2, 'Tessitura Tre', 'tessile', 'CO'),
      ...leads(6, 'Tessitura Quattro', 'tessile', 'VA'),
      ...leads(12, 'Logistica Uno', 'logistica', 'CO'),
    ]);
    expect(result.map((g) => [g.sector, g.province, g.workers, g.canForm])).toEqual([
      ['logistica', 'CO', 12, true],
      ['tessile', 'CO', 9, false],
      ['tessile', 'VA', 6, false],
    ]);
  });

  test('only open, unassigned leads count unless asked otherwise', () => {
    const input = [
      ...leads(6, 'Alfa'),
      ...leads(3, 'Alfa', 'metalmeccanico', 'BG', { status: 'closed' }),
      ...leads(1, 'Alfa', 'metalmeccanico', 'BG', { status: 'erased' }),
      ...leads(4, 'Alfa', 'metalmeccanico', 'BG', { projectId: 'p1' }),
      ...leads(2, 'Senza settore', ''),
    ];
    expect(groupFormation(input)[0]).toMatchObject({ workers: 6, canForm: false });
    expect(groupFormation(input, { includeAssigned: true })[0]).toMatchObject({ workers: 10, canForm: true });
    expect(groupFormation(input)).toHaveLength(1);
  });

  test('thresholds are options', () => {
    const result = groupFormation([...leads(3, 'A1 Meccanica'), ...leads(3, 'B2 Meccanica'), ...leads(3, 'C3 Officina')], { minWorkers: 5, maxFirms: 1 });
    expect(result[0]).toMatchObject({ workers: 3, canForm: false });
    expect(result[0].otherFirms).toHaveLength(2);
  });

  test('no leads, no groups', () => {
    expect(groupFormation([])).toEqual([]);
  });
});
