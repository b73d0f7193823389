/**
 * What happens when a worker asks for a person: the one place that decides it, so the dialog only words the answer.
 *
 * No operator can join the chat live yet (the live handoff comes with the operators' console panel and Teams card):
 * in office hours the answer is 'live-unavailable', outside them 'closed' with the next opening. Both offer the
 * call-back (the referral). The live slice adds a kind ('connecting') here without touching the wording of these two.
 */
import { isOpen, nextOpening, type OfficeCalendar, type Opening } from './officeHours';

export type HandoffAvailability =
  /** operators are at work, but none can join this chat: a call-back is offered */
  | { kind: 'live-unavailable'; nextOpening?: undefined }
  /** outside office hours (or a holiday): a call-back is offered, and when operators work again */
  | { kind: 'closed'; nextOpening: Opening | undefined };

export function handoffAvailability(now: Date, calendar: OfficeCalendar): HandoffAvailability {
  if (isOpen(now, calendar)) return { kind: 'live-unavailable' };
  return { kind: 'closed', nextOpening: nextOpening(now, calendar) };
}
