import pino from 'pino';
import { format } from 'node:util';
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

/**
 * Libraries that report through console.* (botframework-connector prints token failures with console.error, stack
 * and all) end up in the JSON log instead: one entry per call, first line as the message, the rest as `detail`
 * (cut at 4000 characters). Nothing reaches stderr raw. Returns how to put console back.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace };
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]): void => {
    const text = format(...args);
    const newline = text.indexOf('\n');
    const msg = (newline === -1 ? text : text.slice(0, newline)).slice(0, 500);
    logger[level](newline === -1 ? { source: 'console' } : { source: 'console', detail: text.slice(newline + 1, newline + 1 + 4000) }, msg);
  };
  console.log = write('info');
  console.info = write('info');
  console.debug = write('debug');
  console.trace = write('debug');
  console.warn = write('warn');
  console.error = write('error');
  return () => Object.assign(console, saved);
}
