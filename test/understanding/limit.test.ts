import { limitText, UNDERSTOOD_CHARS } from '../../dialogs/understanding';
import { extractContactDetails } from '../../dialogs/referral/contactDetails';

describe('limitText: what understanding reads of a message', () => {
  test('a message within the limit is read whole', () => {
    const text = 'parola '.repeat(280).trim();
    expect(text.length).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(limitText(text)).toEqual({ text, cut: false });
    expect(limitText('a'.repeat(UNDERSTOOD_CHARS))).toEqual({ text: 'a'.repeat(UNDERSTOOD_CHARS), cut: false });
  });

  test('a longer one is cut to at most the limit, between words', () => {
    const text = 'lavoravo a Treviglio in cassa integrazione '.repeat(1000);
    const limited = limitText(text);
    expect(limited.cut).toBe(true);
    expect(limited.text.length).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(limited.text.length).toBeGreaterThan(UNDERSTOOD_CHARS - 100);
    expect(text.startsWith(limited.text)).toBe(true);
    // the last word is whole: the original goes on with a space after it
    expect(text[limited.text.length]).toBe(' ');
  });

  test('a number across the cut is dropped whole, so no shorter, different number is read', () => {
    const before = 'x'.repeat(1985);
    const text = `${before} al 02 1234 5678 grazie ${'y'.repeat(3000)}`;
    // cut at 2,000 characters falls inside "02 1234 5678": "02 1234" alone would be a valid, wrong number
    expect(text.indexOf('02 1234 5678')).toBeLessThan(UNDERSTOOD_CHARS);
    expect(text.indexOf('02 1234 5678') + '02 1234 5678'.length).toBeGreaterThan(UNDERSTOOD_CHARS);
    const limited = limitText(text);
    expect(limited.text.endsWith(' al')).toBe(true);
    expect(extractContactDetails(limited.text).phone).toBeUndefined();
  });

  test('a number that ends before the cut is kept', () => {
    const text = `${'parola '.repeat(283)}al 333 123 4567 e poi ${'parola '.repeat(500)}`;
    const limited = limitText(text);
    expect(limited.cut).toBe(true);
    expect(extractContactDetails(limited.text).phone).toBe('+393331234567');
  });

  test('text without spaces is cut at the limit, never inside an emoji', () => {
    expect(limitText('a'.repeat(300000))).toEqual({ text: 'a'.repeat(UNDERSTOOD_CHARS), cut: true });
    const emoji = limitText('😀'.repeat(5000));
    expect(emoji.cut).toBe(true);
    expect(emoji.text).toBe('😀'.repeat(UNDERSTOOD_CHARS / 2));
    const odd = limitText(`a${'😀'.repeat(5000)}`);
    expect(odd.text).toBe(`a${'😀'.repeat(UNDERSTOOD_CHARS / 2 - 1)}`);
    // no lone surrogate at the end
    expect(/[\uD800-\uDBFF]$/.test(odd.text)).toBe(false);
  });

  test('another limit can be given', () => {
    expect(limitText('uno due tre quattro', 9)).toEqual({ text: 'uno due', cut: true });
  });
});
