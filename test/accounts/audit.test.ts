import { AuditLog } from '../../models/audit/auditLog';
import { fixedClock, tempStore } from '../leads/fixtures';

describe('AuditLog', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let audit: AuditLog;
  const clock = fixedClock();

  beforeAll(async () => {
    ctx = await tempStore('audit-');
    audit = await AuditLog.open(ctx.store, { now: clock.now });
    for (let i = 0; i < 30; i++) {
      clock.advance(i % 4 === 0 ? 3 * 86_400_000 : 60_000);
      await audit.append({ actor: i % 2 ? 'op-1' : 'staff-1', action: i % 3 ? 'lead.claimed' : 'lead.exported', target: `lead:${i}`, details: { n: i, ok: true } });
    }
  });
  afterAll(() => ctx.dispose());

  test('append stamps time and id; details keep only flat values', async () => {
    const entry = await audit.append({ actor: 'system', action: 'project.imported', target: 'project:bg', details: { count: 3, source: 'cli', dry: false, none: null } });
    expect(entry).toMatchObject({ at: clock.now(), actor: 'system', action: 'project.imported', target: 'project:bg', details: { count: 3, source: 'cli', dry: false, none: null } });
    expect(entry._id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each([
    [{ phone: '333' }, 'details.phone'],
    [{ contactName: 'x' }, 'details.contactName'],
    [{ noteText: 'x' }, 'details.noteText'],
    [{ nested: { a: 1 } as unknown as string }, 'details.nested'],
  ])('details %j are refused (%s)', async (details, field) => {
    await expect(audit.append({ actor: 'op-1', action: 'x', target: 'y', details })).rejects.toMatchObject({ code: 'VALIDATION', field });
  });

  test('actor/action/target must be codes, not free text', async () => {
    await expect(audit.append({ actor: 'Mario Rossi', action: 'x', target: 'y' })).rejects.toMatchObject({ field: 'actor' });
  });

  test('list: newest first, filtered, paged with a cursor without gaps or repeats', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list({ actor: 'op-1' }, { limit: 4, ...(cursor ? { cursor } : {}) });
      all.push(...page.items.map((e) => e.target));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 2).reverse().map((i) => `lead:${i}`);
    expect(all).toEqual(expected);
    const exported = await audit.list({ action: 'lead.exported', actor: 'staff-1' }, { limit: 100 });
    expect(exported.items.map((e) => e.target)).toEqual(['lead:24', 'lead:18', 'lead:12', 'lead:6', 'lead:0']);
    await expect(audit.list({}, { limit: 500 })).rejects.toMatchObject({ field: 'limit' });
  });
});
