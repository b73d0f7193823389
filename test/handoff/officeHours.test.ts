/** Office hours of the operators (issue 17): Italian time whatever the server's zone, summer time, holidays. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { easterMonday, easterSunday, isHoliday, isHolidayRule } from '../../models/handoff/holidays';
import { DEFAULT_HANDOFF_HOURS, isOpen, nextOpening, parseOfficeHours, romeInstant, type OfficeCalendar } from '../../models/handoff/officeHours';
import { handoffAvailability } from '../../models/handoff/handoffAvailability';
import { contentDir } from '../../models/paths';

function hours(text: string): OfficeCalendar['hours'] {
  const parsed = parseOfficeHours(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.hours;
}

/** the seeded list, as staff find it in the console */
const seeded = (JSON.parse(fs.readFileSync(path.join(contentDir, 'holidays', 'it.json'), 'utf8')) as { holidays: Array<{ rule: string }> }).holidays.map((h) => h.rule);
const calendar: OfficeCalendar = { hours: hours(DEFAULT_HANDOFF_HOURS), holidays: seeded };

describe('Easter', () => {
  test.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  test('Easter Monday 2026 is 6 April, 2027 is 29 March', () => {
    expect(easterMonday(2026)).toBe('2026-04-06');
    expect(easterMonday(2027)).toBe('2027-03-29');
  });
});

describe('holiday rules', () => {
  test.each(['12-25', '02-29', 'easter-monday', '2026-12-24'])('%s is a rule', (rule) => expect(isHolidayRule(rule)).toBe(true));
  test.each(['12-32', '02-30', '2026-02-29', 'easter', '25/12', ''])('%s is not', (rule) => expect(isHolidayRule(rule)).toBe(false));

  test("the seeded list holds Italy's national holidays of 2026 and 2027 and Milan's 7 December", () => {
    const days = (year: number): string[] => {
      const out: string[] = [];
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
        const day = d.toISOString().slice(0, 10);
        if (isHoliday(day, seeded)) out.push(day);
      }
      return out;
    };
    expect(days(2026)).toEqual(['2026-01-01', '2026-01-06', '2026-04-06', '2026-04-25', '2026-05-01', '2026-06-02', '2026-08-15', '2026-10-04', '2026-11-01', '2026-12-07', '2026-12-08', '2026-12-25', '2026-12-26']);
    expect(days(2027)).toEqual(['2027-01-01', '2027-01-06', '2027-03-29', '2027-04-25', '2027-05-01', '2027-06-02', '2027-08-15', '2027-10-04', '2027-11-01', '2027-12-07', '2027-12-08', '2027-12-25', '2027-12-26']);
  });

  test('a one-off day closes that year only', () => {
    expect(isHoliday('2026-12-24', ['2026-12-24'])).toBe(true);
    expect(isHoliday('2027-12-24', ['2026-12-24'])).toBe(false);
  });
});

describe('HANDOFF_HOURS', () => {
  test('the default: Monday to Friday, 9-13 and 14-17', () => {
    const week = hours(DEFAULT_HANDOFF_HOURS);
    for (let d = 0; d < 5; d++) expect(week[d]).toEqual([{ start: 540, end: 780 }, { start: 840, end: 1020 }]);
    expect(week[5]).toEqual([]);
    expect(week[6]).toEqual([]);
  });

  test('groups, lists of days, hours without minutes', () => {
    const week = hours('Mon-Thu 9-13,14-17; fri 9-12:30; Sat,Sun 10-11');
    expect(week[3]).toEqual([{ start: 540, end: 780 }, { start: 840, end: 1020 }]);
    expect(week[4]).toEqual([{ start: 540, end: 750 }]);
    expect(week[6]).toEqual([{ start: 600, end: 660 }]);
  });

  test('Italian day names and the dot between hours and minutes, as Italian staff write them', () => {
    expect(hours('Lun-Ven 9.00-13.00,14.00-17.00')).toEqual(hours(DEFAULT_HANDOFF_HOURS));
    const week = hours('lunedì,Mercoledi 9-12; Gio 14.30-16; sabato 9-11');
    expect(week[0]).toEqual([{ start: 540, end: 720 }]);
    expect(week[1]).toEqual([]);
    expect(week[2]).toEqual([{ start: 540, end: 720 }]);
    expect(week[3]).toEqual([{ start: 870, end: 960 }]);
    expect(week[5]).toEqual([{ start: 540, end: 660 }]);
  });

  test.each([
    ['', /days and hours/],
    ['Mon-Fri', /days then hours/],
    ['Lun-Dom-Mar 9-13', /not a day/],
    ['Lunes-Viernes 9-13', /not a day/],
    ['Fri-Mon 9-13', /not a day/],
    ['Mon-Fri 13-9', /end after the start/],
    ['Mon-Fri 9:75-13', /end after the start/],
    ['Mon-Fri 9-13,12-17', /overlapping hours on mon/],
  ])('"%s" is refused, saying why', (text, problem) => {
    const parsed = parseOfficeHours(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('open or closed, and the next opening (clock injected)', () => {
  test.each([
    ['a winter weekday at 10:00 Rome time (09:00 UTC)', '2027-01-13T09:00:00Z', true],
    ['a summer weekday at 10:00 Rome time (08:00 UTC)', '2027-07-14T08:00:00Z', true],
    ['a summer weekday at 09:00 UTC (11:00 in Rome)', '2027-07-14T09:00:00Z', true],
    ['a summer weekday at 16:30 UTC (18:30 in Rome: closed, though 16:30 is inside the hours)', '2027-07-14T16:30:00Z', false],
    ['a winter weekday at 08:30 UTC (09:30 in Rome)', '2027-01-13T08:30:00Z', true],
    ['a winter weekday at 07:59 UTC (08:59 in Rome)', '2027-01-13T07:59:00Z', false],
    ['13:30 Rome time (lunch)', '2027-01-13T12:30:00Z', false],
    ['16:59 Rome time', '2027-01-13T15:59:00Z', true],
    ['17:00 Rome time', '2027-01-13T16:00:00Z', false],
    ['a Saturday at 10:00', '2027-01-16T09:00:00Z', false],
    ['7 December 2026 (Sant\'Ambrogio, a Monday) at 10:00', '2026-12-07T09:00:00Z', false],
    ['Easter Monday 2027 at 10:00 (summer time)', '2027-03-29T08:00:00Z', false],
    ['the Tuesday after Easter 2027 at 10:00', '2027-03-30T08:00:00Z', true],
  ])('%s: open %s', (_label, at, open) => {
    expect(isOpen(new Date(at), calendar)).toBe(open);
  });

  test('13:30: operators are back at 14:00 the same day', () => {
    const next = nextOpening(new Date('2027-01-13T12:30:00Z'), calendar);
    expect(next).toMatchObject({ day: '2027-01-13', weekday: 2, minutes: 840 });
    expect(next?.at.toISOString()).toBe('2027-01-13T13:00:00.000Z');
  });

  test('a Saturday: Monday at 9:00', () => {
    expect(nextOpening(new Date('2027-01-16T09:00:00Z'), calendar)).toMatchObject({ day: '2027-01-18', weekday: 0, minutes: 540 });
  });

  test('Friday after 17:00: Monday at 9:00', () => {
    expect(nextOpening(new Date('2027-01-15T16:30:00Z'), calendar)).toMatchObject({ day: '2027-01-18', weekday: 0, minutes: 540 });
  });

  test('7 December 2026: not the 8th (Immacolata) but Wednesday the 9th at 9:00', () => {
    const next = nextOpening(new Date('2026-12-07T09:00:00Z'), calendar);
    expect(next).toMatchObject({ day: '2026-12-09', weekday: 2, minutes: 540 });
    expect(next?.at.toISOString()).toBe('2026-12-09T08:00:00.000Z');
  });

  test('Easter Monday 2027: Tuesday at 9:00 summer time (07:00 UTC)', () => {
    const next = nextOpening(new Date('2027-03-29T08:00:00Z'), calendar);
    expect(next).toMatchObject({ day: '2027-03-30', minutes: 540 });
    expect(next?.at.toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });

  test('Christmas Eve 2026 (a Thursday) in the evening: Monday 28th, past Christmas and Santo Stefano and the weekend', () => {
    expect(nextOpening(new Date('2026-12-24T18:00:00Z'), calendar)).toMatchObject({ day: '2026-12-28', minutes: 540 });
  });

  test('no hours at all: no opening, and the search ends', () => {
    expect(nextOpening(new Date('2027-01-13T09:00:00Z'), { hours: [[], [], [], [], [], [], []], holidays: [] })).toBeUndefined();
  });

  test('the night summer time starts, 02:30 Rome time does not exist: the hour after', () => {
    expect(romeInstant('2027-03-28', 150).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(romeInstant('2027-10-31', 600).toISOString()).toBe('2027-10-31T09:00:00.000Z');
  });
});

describe('handoffAvailability', () => {
  test('in hours with nobody available: no operator can join; the call-back is what is offered', () => {
    expect(handoffAvailability(new Date('2027-01-13T09:00:00Z'), calendar)).toEqual({ kind: 'live-unavailable' });
  });

  test('out of hours: closed, with the next opening', () => {
    const answer = handoffAvailability(new Date('2027-01-16T09:00:00Z'), calendar);
    expect(answer.kind).toBe('closed');
    expect(answer.nextOpening).toMatchObject({ day: '2027-01-18', minutes: 540 });
  });

  test('in hours with an operator available: connecting, for the wait in whole minutes; out of hours still closed', () => {
    expect(handoffAvailability(new Date('2027-01-13T09:00:00Z'), calendar, { available: true, waitMs: 120_000 })).toEqual({ kind: 'connecting', waitMinutes: 2 });
    expect(handoffAvailability(new Date('2027-01-13T09:00:00Z'), calendar, { available: true, waitMs: 90_000 })).toEqual({ kind: 'connecting', waitMinutes: 2 });
    expect(handoffAvailability(new Date('2027-01-13T09:00:00Z'), calendar, { available: false, waitMs: 120_000 })).toEqual({ kind: 'live-unavailable' });
    expect(handoffAvailability(new Date('2027-01-16T09:00:00Z'), calendar, { available: true, waitMs: 120_000 }).kind).toBe('closed');
  });
});
