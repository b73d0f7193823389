/**
 * What happens when a worker asks for a person: the one place that decides it, so the dialog only words the answer.
 *
 * In office hours, when an operator who could take this worker's request is available (handoffService
 * anyoneAvailableFor), the answer is 'connecting': the bot opens a request and looks for an operator for up to
 * HANDOFF_WAIT_SECONDS. In office hours with nobody available, 'live-unavailable'; outside them, 'closed' with the
 * next opening. Both of those offer the call-back (the referral).
 */
import { isOpen, nextOpening, type OfficeCalendar, type Opening } from './officeHours';

export type HandoffAvailability =
  /** an operator is available now: a request is opened and the worker waits up to `waitMinutes` */
  | { kind: 'connecting'; waitMinutes: number; nextOpening?: undefined }
  /** operators are at work, but none can join this chat: a call-back is offered */
  | { kind: 'live-unavailable'; nextOpening?: undefined }
  /** outside office hours (or a holiday): a call-back is offered, and when operators work again */
  | { kind: 'closed'; nextOpening: Opening | undefined };

export interface LiveOperators {
  /** someone who could take this worker's request is available now */
  available: boolean;
  /** HANDOFF_WAIT_SECONDS */
  waitMs: number;
}

export function handoffAvailability(now: Date, calendar: OfficeCalendar, live?: LiveOperators): HandoffAvailability {
  if (!isOpen(now, calendar)) return { kind: 'closed', nextOpening: nextOpening(now, calendar) };
  if (live?.available) return { kind: 'connecting', waitMinutes: Math.max(1, Math.ceil(live.waitMs / 60_000)) };
  return { kind: 'live-unavailable' };
}
