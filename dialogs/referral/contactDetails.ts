import { findEmailAddresses, findPhoneNumbers } from '../../models/contactMentions';
import { normalizeEmail, normalizePhone } from '../../models/leads/contact';
import { westernDigits } from '../../models/text/fold';

export interface ContactDetails {
  phone?: string;
  email?: string;
}

/**
 * Phone numbers and e-mail addresses inside a message ("chiamami al 333 123 4567 o scrivi a ..."). The
 * recognizers suite finds them in any language (on short windows of the text: models/contactMentions.ts); the
 * domain's rules validate and normalise them (+39...). A number typed on an Arabic keyboard (٣٤٧ ٥٥٥ ١٢١٢) is read
 * in Western digits: the suite and the domain's rules know only 0-9.
 */
export function extractContactDetails(typed: string): ContactDetails {
  const text = westernDigits(typed);
  const details: ContactDetails = {};
  for (const found of findEmailAddresses(text)) {
    // the suite takes a sentence's full stop for part of the address ("scrivetemi a mario@example.com.")
    const email = normalizeEmail(String(found.resolution?.value ?? found.text).replace(/\.+$/, ''));
    if (email.ok) {
      details.email = email.value;
      break;
    }
  }
  const phones = findPhoneNumbers(text).sort((a, b) => Number(b.resolution?.score ?? 0) - Number(a.resolution?.score ?? 0));
  for (const found of phones) {
    const phone = normalizePhone(String(found.resolution?.value ?? found.text));
    if (phone.ok) {
      details.phone = phone.value;
      break;
    }
  }
  if (!details.phone) {
    // A bare number typed alone ("3331234567") scores low in the recognizer; the domain's check decides.
    const bare = normalizePhone(text.replace(/^(tel\.?|telefono|cell\.?|cellulare|phone)[:\s]*/i, ''));
    if (bare.ok) details.phone = bare.value;
  }
  return details;
}
