import { firmCore, firmDistance } from '../../models/projects/firmName';
import { editDistance } from '../../models/text/editDistance';
import { matchProject, type MatchFacts } from '../../models/projects/matching';
import type { NetworkProject } from '../../models/projects/project';

const project = (id: string, over: Partial<NetworkProject>): NetworkProject => ({
  _id: id,
  title: `[ESEMPIO] ${id}`,
  leadPartner: 'Ente',
  provinces: ['MI'],
  sectors: ['metalmeccanico'],
  firms: [],
  contact: { email: 'contatto-esempio@example.org' },
  active: true,
  sample: true,
  updatedAt: new Date(0),
  ...over,
});

describe('firmCore', () => {
  test.each([
    ['Officine Esempio S.r.l.', 'officine esempio'],
    ['OFFICINE ESEMPIO SRL', 'officine esempio'],
    ['officine esempio s. r. l.', 'officine esempio'],
    ['Acciaierie Fittizie S.p.A.', 'acciaierie fittizie'],
    ['Acciaierie Fittizie spa in liquidazione', 'acciaierie fittizie'],
    ['Bulloneria Campione s.n.c. di Rossi & C.', 'bulloneria campione di rossi'],
    ['Trasporti Campione S.a.s.', 'trasporti campione'],
    ['Caffè Perù Srls', 'caffe peru'],
    ['Alfa-Beta, S.r.l. unipersonale', 'alfa beta'],
    ['Gamma in A.S.', 'gamma'],
    ['S.r.l.', ''],
  ])('%j -> %j', (name, core) => {
    expect(firmCore(name)).toBe(core);
  });
});

describe('editDistance', () => {
  test.each([
    ['whirlpool', 'whirlpool', 0],
    ['whirlpol', 'whirlpool', 1],
    ['whirpl', 'whirlpool', 3],
    ['officnie', 'officine', 1], // swap of adjacent letters counts once
    ['', 'abc', 3],
  ])('%s / %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('firmDistance', () => {
  test.each([
    ['Officine Esempio', 'Officine Esempio S.r.l.', 0],
    ['officine esmpio srl', 'Officine Esempio S.r.l.', 1],
    ['Offcine Esempo', 'Officine Esempio S.r.l.', 2],
    ['officine esempio di dalmine', 'Officine Esempio S.r.l.', 3],
    ['Officine Rossi', 'Officine Esempio S.r.l.', undefined],
    ['ABC', 'ABD', undefined], // too short for typos
    ['srl', 'Officine Esempio S.r.l.', undefined],
    ['A1 Meccanica', 'B2 Meccanica srl', undefined], // 2 edits apart, but in the short distinctive word
    ['Alfatex', 'Alfa Tex S.p.A.', 0],
    ['Alfatexx', 'Alfa Tex S.p.A.', undefined],
  ])('%j vs %j -> %p', (typed, known, expected) => {
    expect(firmDistance(typed, known)).toBe(expected);
  });
});

describe('matchProject', () => {
  const projects = [
    project('bg-meccanica', { provinces: ['BG'], firms: ['Officine Esempio S.r.l.', 'Fonderie Immaginarie S.p.A.'] }),
    project('bg-meccanica-2', { provinces: ['BG'], firms: [] }),
    project('bs-acciaio', { provinces: ['BS'], firms: ['Acciaierie Fittizie S.p.A.'] }),
    project('mi-commercio', { provinces: ['MI', 'MB'], sectors: ['commercio'], firms: ['Grandi Magazzini Demo S.p.A.'] }),
    project('mi-commercio-inattivo', { provinces: ['MI'], sectors: ['commercio'], firms: ['Negozi Chiusi srl'], active: false }),
    project('va-tessile', { provinces: ['VA'], sectors: ['tessile'], firms: ['Tintoria Esempio S.p.A.'] }),
  ];

  const CASES: Array<[string, MatchFacts, string | null, string | null]> = [
    ['firm with a different legal suffix', { firmName: 'officine esempio spa', province: 'BG', sector: 'metalmeccanico' }, 'bg-meccanica', 'firm'],
    ['firm with a typo, any case', { firmName: 'FONDERIE IMAGINARIE', province: 'BG' }, 'bg-meccanica', 'firm'],
    ['firm wins over the province the worker lives in', { firmName: 'Acciaierie Fittizie', province: 'BG', sector: 'metalmeccanico' }, 'bs-acciaio', 'firm'],
    ['firm named inside a longer answer', { firmName: 'la tintoria esempio di gallarate', province: 'VA' }, 'va-tessile', 'firm'],
    ['unknown firm: province + sector', { firmName: 'Ditta Sconosciuta', province: 'mb', sector: 'commercio' }, 'mi-commercio', 'province_sector'],
    ['no firm: province + sector (equally local projects: by id)', { province: 'BG', sector: 'metalmeccanico' }, 'bg-meccanica', 'province_sector'],
    ['inactive projects are ignored', { firmName: 'Negozi Chiusi', province: 'CO', sector: 'commercio' }, null, null],
    ['province only is not enough (no province-only rule)', { firmName: 'Ditta Sconosciuta', province: 'VA', sector: 'commercio' }, null, null],
    ['nothing known', {}, null, null],
    ['sector but no province', { sector: 'tessile' }, null, null],
  ];

  test.each(CASES)('%s', (_name, facts, id, by) => {
    const match = matchProject(facts, projects);
    expect(match?.project._id ?? null).toBe(id);
    expect(match?.by ?? null).toBe(by);
  });

  test('ties between firm matches go to the project in the worker\'s province', () => {
    const twins = [
      project('a-elsewhere', { provinces: ['CO'], firms: ['Gemelli srl'] }),
      project('b-local', { provinces: ['LC'], firms: ['Gemelli spa'] }),
    ];
    expect(matchProject({ firmName: 'Gemelli', province: 'LC' }, twins)?.project._id).toBe('b-local');
    expect(matchProject({ firmName: 'Gemelli', province: 'CO' }, twins)?.project._id).toBe('a-elsewhere');
    expect(matchProject({ firmName: 'Gemelli' }, twins)?.project._id).toBe('a-elsewhere');
  });
});
