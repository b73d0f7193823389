import { normalizeContact, normalizeEmail, normalizeName, normalizePhone } from '../../models/leads/contact';
import { ValidationError } from '../../models/errors';

describe('normalizePhone', () => {
  test.each([
    ['333 123 4567', '+393331234567'],
    ['3331234567', '+393331234567'],
    ['+39 333-1234567', '+393331234567'],
    ['+39 (333) 123.45.67', '+393331234567'],
    ['0039 333 1234567', '+393331234567'],
    ['00393331234567', '+393331234567'],
    ['39 333 1234567', '+393331234567'],
    ['02 1234567', '+39021234567'],
    ['02/12345678', '+390212345678'],
    ['+39 02 1234567', '+39021234567'],
    ['035 123456', '+39035123456'],
    ['393 123 4567', '+393931234567'],
    ['+41 79 123 45 67', '+41791234567'],
    ['0041 79 123 45 67', '+41791234567'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['333 12', 'too_short'],
    ['333 1234 5678 9', 'too_long'],
    ['02 12', 'too_short'],
    ['02 1234 5678 90', 'too_long'],
    ['+39 333', 'too_short'],
    ['123 456 7890', 'not_a_phone_number'],
    ['333-CALL-ME', 'invalid_characters'],
    ['333+1234567', 'invalid_characters'],
    ['+41 12', 'too_short'],
    ['+1 234 567 890 123 456', 'too_long'],
  ])('%s is rejected (%s)', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });
});

describe('normalizeEmail', () => {
  test.each([
    ['maria.rossi@example.com', 'maria.rossi@example.com'],
    ['  Maria.Rossi@Example.COM ', 'Maria.Rossi@example.com'],
    ['a+tag@sub.example.it', 'a+tag@sub.example.it'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, value: expected });
  });

  test.each(['', 'maria', 'maria@', '@example.com', 'maria@example', 'ma ria@example.com', 'maria@@example.com', 'maria@exa_mple.com', '.maria@example.com', 'ma..ria@example.com', `${'a'.repeat(65)}@example.com`])(
    '%j is rejected',
    (raw) => {
      expect(normalizeEmail(raw).ok).toBe(false);
    },
  );
});

describe('normalizeName', () => {
  test.each([
    ['  Maria   Rossi ', 'Maria Rossi'],
    ['Niccolò D’Amico', 'Niccolò D’Amico'],
    ['A', 'A'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeName(raw)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(101), 'too_long'],
    ['Maria\u0000', 'invalid_characters'],
  ])('%j is rejected (%s)', (raw, reason) => {
    expect(normalizeName(raw)).toEqual({ ok: false, reason });
  });

  test('100 characters is the limit', () => {
    expect(normalizeName('x'.repeat(100)).ok).toBe(true);
  });
});

describe('normalizeContact', () => {
  test('gives canonical values and equal keys for the same number written differently', () => {
    const a = normalizeContact({ name: ' Maria ', phone: '333 123 4567', email: 'Maria@Example.com' });
    const b = normalizeContact({ name: 'Maria', phone: '+39 333-1234567', email: 'maria@example.com' });
    expect(a.contact).toEqual({ name: 'Maria', phone: '+393331234567', email: 'Maria@example.com' });
    expect(a.phoneKey).toBe(b.phoneKey);
    expect(a.emailKey).toBe(b.emailKey);
    expect(a.phoneKey).not.toContain('3331234567');
  });

  test.each([
    [{ name: '', phone: '3331234567' }, 'contact.name', 'empty'],
    [{ name: 'Maria' }, 'contact', 'phone_or_email_required'],
    [{ name: 'Maria', phone: ' ', email: '' }, 'contact', 'phone_or_email_required'],
    [{ name: 'Maria', phone: '12' }, 'contact.phone', 'not_a_phone_number'],
    [{ name: 'Maria', email: 'nope' }, 'contact.email', 'invalid_syntax'],
    [{ name: 'Maria', email: 'm@example.com', preferredTime: 'x'.repeat(101) }, 'contact.preferredTime', 'too_long'],
  ])('%j -> ValidationError(%s, %s)', (input, field, reason) => {
    let caught: unknown;
    try {
      normalizeContact(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught).toMatchObject({ field, reason, code: 'VALIDATION' });
  });
});
