import { BODY_FIELD, assessEligibility, parseEligibilityRequest, type EligibilityFacts } from '../../models/eligibility';

describe('parseEligibilityRequest: accepted bodies', () => {
  const table: Array<[string, unknown, EligibilityFacts]> = [
    [
      'the documented example',
      { workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS' }, situation: 'AT_RISK' },
      { workSite: { provinceCode: 'BG', inLombardy: 'yes' }, crisis: { kind: 'CIGS' }, situation: 'AT_RISK' },
    ],
    [
      'empty body: everything unknown',
      {},
      { workSite: { inLombardy: 'unknown' }, crisis: { kind: 'UNKNOWN' }, situation: 'UNKNOWN' },
    ],
    [
      'empty nested objects',
      { workSite: {}, crisis: {} },
      { workSite: { inLombardy: 'unknown' }, crisis: { kind: 'UNKNOWN' }, situation: 'UNKNOWN' },
    ],
    [
      'lower-case province outside Lombardy',
      { workSite: { provinceCode: 'to' }, crisis: { kind: 'CLOSURE' }, situation: 'UNEMPLOYED' },
      { workSite: { provinceCode: 'TO', inLombardy: 'no' }, crisis: { kind: 'CLOSURE' }, situation: 'UNEMPLOYED' },
    ],
    [
      'province with consistent inLombardy',
      { workSite: { provinceCode: 'MB', inLombardy: 'yes' }, situation: 'AT_RISK' },
      { workSite: { provinceCode: 'MB', inLombardy: 'yes' }, crisis: { kind: 'UNKNOWN' }, situation: 'AT_RISK' },
    ],
    [
      'province with inLombardy unknown: derived',
      { workSite: { provinceCode: 'NA', inLombardy: 'unknown' } },
      { workSite: { provinceCode: 'NA', inLombardy: 'no' }, crisis: { kind: 'UNKNOWN' }, situation: 'UNKNOWN' },
    ],
    [
      'inLombardy only',
      { workSite: { inLombardy: 'no' }, crisis: { kind: 'NO_CRISIS' }, situation: 'REEMPLOYED' },
      { workSite: { inLombardy: 'no' }, crisis: { kind: 'NO_CRISIS' }, situation: 'REEMPLOYED' },
    ],
    [
      'leftOn',
      { workSite: { inLombardy: 'yes' }, crisis: { kind: 'INSOLVENCY' }, situation: 'UNEMPLOYED', leftOn: '2019-02-28' },
      { workSite: { inLombardy: 'yes' }, crisis: { kind: 'INSOLVENCY' }, situation: 'UNEMPLOYED', leftOn: '2019-02-28' },
    ],
    [
      'former Sardinian sigla: accepted, outside Lombardy',
      { workSite: { provinceCode: 'CI' } },
      { workSite: { provinceCode: 'CI', inLombardy: 'no' }, crisis: { kind: 'UNKNOWN' }, situation: 'UNKNOWN' },
    ],
    [
      'redundanciesForeseen with CIGS (ar-2018.2)',
      { workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' },
      { workSite: { provinceCode: 'BG', inLombardy: 'yes' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' },
    ],
    [
      'redundanciesForeseen without a kind',
      { crisis: { redundanciesForeseen: 'unknown' } },
      { workSite: { inLombardy: 'unknown' }, crisis: { kind: 'UNKNOWN', redundanciesForeseen: 'unknown' }, situation: 'UNKNOWN' },
    ],
    [
      'concordato preventivo and a person who never worked (ar-2018.2)',
      { crisis: { kind: 'ARRANGEMENT' }, situation: 'NEVER_EMPLOYED' },
      { workSite: { inLombardy: 'unknown' }, crisis: { kind: 'ARRANGEMENT' }, situation: 'NEVER_EMPLOYED' },
    ],
    [
      'every Lombardy sigla is in Lombardy (VA)',
      { workSite: { provinceCode: 'VA' }, crisis: { kind: 'RELOCATION' }, situation: 'AT_RISK' },
      { workSite: { provinceCode: 'VA', inLombardy: 'yes' }, crisis: { kind: 'RELOCATION' }, situation: 'AT_RISK' },
    ],
  ];

  test.each(table)('%s', (_name, body, expected) => {
    expect(parseEligibilityRequest(body)).toEqual({ ok: true, facts: expected });
  });

  test('parsed from a JSON string: CIGS is likely eligible only with redundancies foreseen', () => {
    const outcome = (json: string): string => {
      const parsed = parseEligibilityRequest(JSON.parse(json));
      if (!parsed.ok) throw new Error(`unexpected rejection of ${parsed.field}`);
      return assessEligibility(parsed.facts).outcome;
    };
    expect(outcome('{"workSite":{"provinceCode":"BG"},"crisis":{"kind":"CIGS","redundanciesForeseen":"yes"},"situation":"AT_RISK"}')).toBe('likely_eligible');
    expect(outcome('{"workSite":{"provinceCode":"BG"},"crisis":{"kind":"CIGS"},"situation":"AT_RISK"}')).toBe('to_verify');
    expect(outcome('{"workSite":{"provinceCode":"BG"},"crisis":{"kind":"CIGS","redundanciesForeseen":"no"},"situation":"AT_RISK"}')).toBe('not_eligible');
  });
});

describe('parseEligibilityRequest: rejections', () => {
  // [name, body, field, part of the reason]
  const table: Array<[string, unknown, string, string]> = [
    // non-object bodies
    ['null body', null, BODY_FIELD, 'must be a JSON object'],
    ['undefined body', undefined, BODY_FIELD, 'must be a JSON object'],
    ['string body', '{"situation":"AT_RISK"}', BODY_FIELD, 'got a string'],
    ['number body', 42, BODY_FIELD, 'got a number'],
    ['boolean body', true, BODY_FIELD, 'got a boolean'],
    ['array body', [{ situation: 'AT_RISK' }], BODY_FIELD, 'got an array'],
    ['empty array body', [], BODY_FIELD, 'got an array'],
    ['class instance body', new Date(0), BODY_FIELD, 'must be a JSON object'],
    // personal data and other unknown fields
    ['name', { name: 'Mario Rossi', situation: 'AT_RISK' }, 'name', 'unknown field'],
    ['fiscal code', { codiceFiscale: 'RSSMRA80A01F205X' }, 'codiceFiscale', 'no personal data'],
    ['email', { email: 'mario@example.com' }, 'email', 'unknown field'],
    ['unknown field in workSite', { workSite: { city: 'Bergamo' } }, 'workSite.city', 'unknown field'],
    ['unknown field in crisis', { crisis: { kind: 'CIGS', company: 'ACME' } }, 'crisis.company', 'unknown field'],
    ['__proto__ key', JSON.parse('{"__proto__":{"situation":"AT_RISK"}}'), '__proto__', 'unknown field'],
    ['constructor key', { constructor: 'x' }, 'constructor', 'unknown field'],
    ['long unknown key is truncated', { ['x'.repeat(200)]: 1 }, `${'x'.repeat(64)}…`, 'unknown field'],
    // injection-like values
    ['$gt at top level', { $gt: '' }, '$gt', 'unknown field'],
    ['$gt as situation', { situation: { $gt: '' } }, 'situation', 'must be one of'],
    ['$gt as crisis.kind', { crisis: { kind: { $gt: '' } } }, 'crisis.kind', 'must be one of'],
    ['$ne as provinceCode', { workSite: { provinceCode: { $ne: null } } }, 'workSite.provinceCode', 'must be a string'],
    ['$gt as inLombardy', { workSite: { inLombardy: { $gt: '' } } }, 'workSite.inLombardy', 'must be one of'],
    ['$where as leftOn', { leftOn: { $where: '1' } }, 'leftOn', 'YYYY-MM-DD'],
    ['operator string as kind', { crisis: { kind: '$gt' } }, 'crisis.kind', 'must be one of'],
    // wrong types
    ['workSite as string', { workSite: 'BG' }, 'workSite', 'must be a JSON object'],
    ['workSite as array', { workSite: ['BG'] }, 'workSite', 'got an array'],
    ['workSite null', { workSite: null }, 'workSite', 'got null'],
    ['crisis as string', { crisis: 'CIGS' }, 'crisis', 'must be a JSON object'],
    ['crisis as array', { crisis: [{ kind: 'CIGS' }] }, 'crisis', 'got an array'],
    ['situation as array', { situation: ['AT_RISK'] }, 'situation', 'must be one of'],
    ['situation as number', { situation: 1 }, 'situation', 'must be one of'],
    ['situation null', { situation: null }, 'situation', 'must be one of'],
    ['situation lower case', { situation: 'at_risk' }, 'situation', 'must be one of'],
    ['situation unknown value', { situation: 'EMPLOYED' }, 'situation', 'AT_RISK, UNEMPLOYED, REEMPLOYED, NEVER_EMPLOYED, OTHER, UNKNOWN'],
    ['redundanciesForeseen boolean', { crisis: { kind: 'CIGS', redundanciesForeseen: true } }, 'crisis.redundanciesForeseen', 'must be one of yes, no, unknown'],
    ['redundanciesForeseen Italian', { crisis: { kind: 'CIGS', redundanciesForeseen: 'si' } }, 'crisis.redundanciesForeseen', 'must be one of'],
    ['redundanciesForeseen operator', { crisis: { kind: 'CIGD', redundanciesForeseen: { $ne: 'no' } } }, 'crisis.redundanciesForeseen', 'must be one of'],
    ['crisis.kind unknown value', { crisis: { kind: 'CIG' } }, 'crisis.kind', 'must be one of CIGS, CIGD, CIGO'],
    ['crisis.kind number', { crisis: { kind: 3 } }, 'crisis.kind', 'must be one of'],
    ['inLombardy boolean', { workSite: { inLombardy: true } }, 'workSite.inLombardy', 'must be one of yes, no, unknown'],
    ['inLombardy bad string', { workSite: { inLombardy: 'si' } }, 'workSite.inLombardy', 'must be one of'],
    ['provinceCode number', { workSite: { provinceCode: 24 } }, 'workSite.provinceCode', 'got a number'],
    ['provinceCode null', { workSite: { provinceCode: null } }, 'workSite.provinceCode', 'got null'],
    ['leftOn number', { leftOn: 20190228 }, 'leftOn', 'YYYY-MM-DD'],
    // bad provinces
    ['unknown sigla', { workSite: { provinceCode: 'XX' } }, 'workSite.provinceCode', 'known Italian province'],
    ['full name instead of sigla', { workSite: { provinceCode: 'Bergamo' } }, 'workSite.provinceCode', 'known Italian province'],
    ['empty sigla', { workSite: { provinceCode: '' } }, 'workSite.provinceCode', 'known Italian province'],
    ['sigla with spaces', { workSite: { provinceCode: ' BG ' } }, 'workSite.provinceCode', 'known Italian province'],
    ['ISTAT number', { workSite: { provinceCode: '016' } }, 'workSite.provinceCode', 'known Italian province'],
    // contradictions
    ['Lombardy sigla but inLombardy no', { workSite: { provinceCode: 'MI', inLombardy: 'no' } }, 'workSite.inLombardy', 'contradicts workSite.provinceCode'],
    ['other sigla but inLombardy yes', { workSite: { provinceCode: 'RM', inLombardy: 'yes' } }, 'workSite.inLombardy', 'contradicts'],
    // dates
    ['leftOn impossible date', { leftOn: '2019-02-30' }, 'leftOn', 'YYYY-MM-DD'],
    ['leftOn month 13', { leftOn: '2019-13-01' }, 'leftOn', 'YYYY-MM-DD'],
    ['leftOn Italian format', { leftOn: '28/02/2019' }, 'leftOn', 'YYYY-MM-DD'],
    ['leftOn with time', { leftOn: '2019-02-28T10:00:00Z' }, 'leftOn', 'YYYY-MM-DD'],
  ];

  test.each(table)('%s', (_name, body, field, reasonPart) => {
    const result = parseEligibilityRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe(field);
    expect(result.reason).toContain(reasonPart);
  });

  test('reasons never echo submitted values', () => {
    const secret = 'Mario Rossi RSSMRA80A01F205X';
    const bodies: unknown[] = [
      { situation: secret },
      { crisis: { kind: secret } },
      { crisis: { kind: 'CIGS', redundanciesForeseen: secret } },
      { workSite: { provinceCode: secret } },
      { workSite: { inLombardy: secret } },
      { leftOn: secret },
    ];
    for (const body of bodies) {
      const result = parseEligibilityRequest(body);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('Rossi');
    }
  });

  test('does not mutate the body', () => {
    const body = { workSite: { provinceCode: 'bg' }, crisis: { kind: 'CIGS' }, situation: 'AT_RISK' };
    const snapshot = JSON.stringify(body);
    parseEligibilityRequest(body);
    expect(JSON.stringify(body)).toBe(snapshot);
  });
});
