import { formatCalendarDay, formatDate, isCalendarDay, formatLocale, romeDay, romeWallClock, type DateStyle } from '../../models/text/dates';

// Expected strings are what each caller's own Intl.DateTimeFormat produced before they shared this one.
describe('formatDate (the one date formatter per language)', () => {
  const summer = new Date('2026-06-15T10:00:00Z'); // 12:00 in Rome (CEST)
  const newYear = new Date('2026-12-31T23:30:00Z'); // already 1 January in Rome (CET)
  test.each<[DateStyle, Date, string, string]>([
    ['numericDate', summer, '15/06/2026', '15/06/2026'],
    ['numericDate', newYear, '01/01/2027', '01/01/2027'],
    ['shortDate', summer, '15/06/26', '15/06/2026'],
    ['shortDate', newYear, '01/01/27', '01/01/2027'],
    ['clock', summer, '12:00', '12:00'],
    ['clock', newYear, '00:30', '00:30'],
    ['dateTime', summer, '15/06/2026, 12:00', '15/06/2026, 12:00'],
    ['monthYear', new Date(Date.UTC(2026, 2, 1)), 'marzo 2026', 'March 2026'],
    ['longDate', new Date('2026-03-12T12:00:00Z'), '12 marzo 2026', '12 March 2026'],
    ['weekdayDayMonth', new Date('2026-03-29T12:00:00Z'), 'domenica 29 marzo', 'Sunday 29 March'],
  ])('%s of %s: it %s, en %s', (style, at, it, en) => {
    expect(formatDate(at, 'it', style)).toBe(it);
    expect(formatDate(at, 'en', style)).toBe(en);
    expect(formatDate(at, 'it', style)).toBe(it); // the cached formatter gives the same
  });

  test('English is British English; every other language is Italian', () => {
    expect([formatLocale('en'), formatLocale('it'), formatLocale('fr'), formatLocale('')]).toEqual(['en-GB', 'it-IT', 'it-IT', 'it-IT']);
  });

  test('month and weekday names are in the reader language (Western digits); numeric forms stay DD/MM/YYYY', () => {
    const march = new Date(Date.UTC(2026, 2, 1));
    const sunday = new Date('2026-03-29T12:00:00Z');
    expect(formatDate(march, 'ro', 'monthYear')).toBe('martie 2026');
    expect(formatDate(march, 'fr', 'monthYear')).toBe('mars 2026');
    expect(formatDate(march, 'ar', 'monthYear')).toBe('مارس 2026');
    expect(formatDate(sunday, 'uk', 'longDate')).toBe('29 березня 2026 р.');
    expect(formatDate(sunday, 'es', 'weekdayDayMonth')).toBe('domingo, 29 de marzo');
    expect(formatDate(sunday, 'sq', 'longDate')).toBe('29 mars 2026');
    for (const language of ['ro', 'ar', 'sq', 'es', 'uk', 'fr']) expect(formatDate(sunday, language, 'numericDate')).toBe('29/03/2026');
    expect(formatDate(march, 'xx', 'monthYear')).toBe('marzo 2026');
  });

  test('calendar days are never shifted, and what is not a date comes back as it is', () => {
    expect(formatCalendarDay('2026-03-12', 'it', 'longDate')).toBe('12 marzo 2026');
    expect(formatCalendarDay('2026-03-29', 'en', 'weekdayDayMonth')).toBe('Sunday 29 March');
    expect(formatCalendarDay('2026-01-01', 'en', 'longDate')).toBe('1 January 2026');
    expect(formatCalendarDay('2026-01-01', 'it', 'numericDate')).toBe('01/01/2026');
    expect(formatCalendarDay('2025-12-31', 'en', 'numericDate')).toBe('31/12/2025');
    expect(formatCalendarDay('presto', 'it', 'longDate')).toBe('presto');
  });

  test('romeWallClock is the Italian wall clock, summer and winter time', () => {
    expect(romeWallClock(new Date('2026-06-15T10:00:00Z'))).toBe('2026-06-15 12:00');
    expect(romeWallClock(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01 00:30');
    expect(romeWallClock(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29 01:59');
    expect(romeWallClock(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29 03:00');
    expect(romeDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  test('romeWallClock asked again within a minute, across a minute and before 1894 (offset not in whole minutes)', () => {
    expect(romeWallClock(new Date('2026-03-29T00:59:01Z'))).toBe('2026-03-29 01:59');
    expect(romeWallClock(new Date('2026-03-29T00:59:59.999Z'))).toBe('2026-03-29 01:59');
    expect(romeWallClock(new Date('2026-03-29T01:00:00.001Z'))).toBe('2026-03-29 03:00');
    expect(romeWallClock(new Date('2026-03-29T00:59:30Z'))).toBe('2026-03-29 01:59');
    // Rome's mean time, +0:49:56: the wall clock's minute turns 4 seconds into the UTC minute
    expect(romeWallClock(new Date('1890-01-01T00:10:02Z'))).toBe('1890-01-01 00:59');
    expect(romeWallClock(new Date('1890-01-01T00:10:05Z'))).toBe('1890-01-01 01:00');
    expect(() => romeWallClock(new Date(Number.NaN))).toThrow(RangeError);
  });
});

test('a calendar day is YYYY-MM-DD naming a day that exists', () => {
  expect(['2026-02-28', '2024-02-29', '1999-12-31'].every(isCalendarDay)).toBe(true);
  expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-2-3', '2026-02-28T00:00:00Z', ''].some(isCalendarDay)).toBe(false);
});
