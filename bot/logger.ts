import pino from 'pino';
import type { Logger } from '../models/logger';

/**
 * Structured JSON logs. The redaction list is a second line of defence: code never passes user text or contact
 * details to the logger, but if an activity or lead slips into a log call these paths are censored.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'azioni-di-rete-bot' },
    redact: {
      paths: ['text', '*.text', 'activity.text', 'activity.from.name', 'contact', '*.contact', 'email', 'phone', 'name', '*.name', 'authorization', '*.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
