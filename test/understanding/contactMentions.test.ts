import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import { findEmailAddresses, findPhoneNumbers, type ModelResult } from '../../models/contactMentions';
import { extractContactDetails } from '../../dialogs/referral/contactDetails';

function spans(results: ModelResult[]): Array<[number, number, string]> {
  return results.map((r) => [r.start, r.end, r.text] as [number, number, string]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** What workers type at the contact step, and around it. */
const ANSWERS = [
  '333 123 4567',
  '3331234567',
  '+39 333 1234567',
  '0039 333 1234567',
  '(02) 1234567',
  'chiamami al 333 123 4567 o scrivi a mario.rossi@example.com',
  'tel: 02-12345678, cell. 340 7654321',
  'il mio numero è +39 345 765 4321, la mail anna_bianchi+lavoro@posta.example.it',
  'mario@example.com',
  'scrivetemi a m.rossi@ditta-rossi.it oppure a mario.rossi@gmail.com grazie',
  'sono a casa dal 12/03/2023, numero 0363 123456',
  'call me on +44 20 7946 0958 or at john.smith@example.co.uk',
  'nessun numero, solo la mail: a@b.it',
];

describe('findPhoneNumbers / findEmailAddresses: what the recognizers suite finds, on short windows', () => {
  test.each(ANSWERS)('reads "%s" as the suite reads the whole text', (text) => {
    expect(spans(findPhoneNumbers(text))).toEqual(spans(recognizePhoneNumber(text, Culture.English)));
    expect(spans(findEmailAddresses(text))).toEqual(spans(recognizeEmail(text, Culture.English)));
  });

  test('offsets point into the whole text', () => {
    const text = `${'parola '.repeat(300)}chiamami al 333 123 4567 o scrivi a mario.rossi@example.com ${'parola '.repeat(10)}`;
    for (const r of [...findPhoneNumbers(text), ...findEmailAddresses(text)]) expect(text.slice(r.start, r.end + 1)).toBe(r.text);
    expect(findPhoneNumbers(text).map((r) => r.text)).toContain('333 123 4567');
    expect(findEmailAddresses(text).map((r) => r.text)).toEqual(['mario.rossi@example.com']);
  });

  test('a list of numbers longer than a window: each number is found whole, never a piece of one', () => {
    const list = 'tel. 333 123 4567 / 02 1234 5678 / 0363 123456 / +39 345 765 4321 / 031 987 6543';
    const found = findPhoneNumbers(list).map((r) => r.text.trim());
    for (const number of ['333 123 4567', '02 1234 5678', '0363 123456', '345 765 4321', '031 987 6543']) {
      expect(found.some((f) => f.includes(number))).toBe(true);
    }
    // no result is a strict piece of another (a window's edge never leaves half a number behind)
    const results = findPhoneNumbers(list);
    for (const r of results) expect(results.some((o) => o !== r && o.start <= r.start && o.end >= r.end)).toBe(false);
  });

  test('a word too long to be an address around an "@" is no address; many "@" stay bounded', () => {
    expect(findEmailAddresses(`${'a'.repeat(70)}@example.com`)).toEqual([]);
    expect(findEmailAddresses('@'.repeat(2500))).toEqual([]);
    const many = findEmailAddresses('a@b.it '.repeat(400));
    expect(many.length).toBeGreaterThan(0);
    expect(many.length).toBeLessThanOrEqual(400);
    for (const r of many) expect(r.text).toBe('a@b.it');
  });

  test.each([
    ['digits without spaces', '1'.repeat(2500)],
    ['digits with spaces', '1 '.repeat(1250)],
    ['numbers glued to letters', '3331234567a'.repeat(230)],
    ['dates', '12/03/2020 '.repeat(230)],
    ['brackets', '('.repeat(2500)],
    ['unicode', 'è€😀 '.repeat(500)],
  ])('adversarial %s: results lie inside the text and are phone-shaped', (_name, text) => {
    for (const r of findPhoneNumbers(text)) {
      expect(r.start).toBeGreaterThanOrEqual(0);
      expect(r.end).toBeLessThan(text.length);
      expect(text.slice(r.start, r.end + 1)).toBe(r.text);
      expect(r.text).toMatch(/\d/);
    }
  });
});

describe('extractContactDetails on long messages (2,000 characters, what understanding reads)', () => {
  const filler = 'Buongiorno, vi scrivo perché la mia azienda è in crisi e vorrei sapere se posso partecipare. ';

  test('a phone number and an e-mail near the end of 2,000 characters are still found', () => {
    const text = `${filler.repeat(20)}`.slice(0, 1900) + ' chiamatemi al 333 123 4567 o mario.rossi@example.com';
    expect(text.length).toBeGreaterThan(1900);
    expect(extractContactDetails(text)).toEqual({ phone: '+393331234567', email: 'mario.rossi@example.com' });
  });

  test('an address at the end of a sentence, before its full stop', () => {
    expect(extractContactDetails('scrivetemi a mario.rossi@example.com. Grazie')).toEqual({ email: 'mario.rossi@example.com' });
    expect(extractContactDetails('mario.rossi@example.com...')).toEqual({ email: 'mario.rossi@example.com' });
  });

  test('a pasted list of numbers gives one valid number', () => {
    const text = 'tel. 333 123 4567 / 02 1234 5678 / 0363 123456 / +39 345 765 4321; '.repeat(30).slice(0, 2000);
    const { phone } = extractContactDetails(text);
    expect(['+393331234567', '+390212345678', '+390363123456', '+393457654321']).toContain(phone);
  });

  test('junk of 2,000 characters finds nothing, whatever its shape', () => {
    for (const unit of ['a', '@', 'a@', 'a.', '1 ', 'parola ', '😀', '-', '(1) ']) {
      const text = unit.repeat(Math.ceil(2000 / unit.length)).slice(0, 2000);
      const details = extractContactDetails(text);
      expect(details.email).toBeUndefined();
      if (details.phone !== undefined) expect(details.phone).toMatch(/^\+\d{8,15}$/);
    }
  });
});
