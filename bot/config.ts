import { isIP } from 'node:net';
import * as path from 'node:path';
import type { PrivacyDetails } from '../models/privacyNotice';

/** Everything the bot reads from its environment, parsed and checked once at start-up. */
export interface Config {
  readonly port: number;
  /** where the server listens: 127.0.0.1 in local mode (no MicrosoftAppId), 0.0.0.0 with an app id, unless HOST says */
  readonly host: string;
  /** reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed when they connect; empty = none */
  readonly trustedProxies: readonly string[];
  readonly dataDir: string;
  readonly mongodbUri?: string;
  readonly microsoftAppId?: string;
  readonly microsoftAppPassword?: string;
  readonly microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly microsoftAppTenantId?: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly publicUrl?: string;
  readonly privacyNoticeUrl: string;
  readonly maxBodyBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly referralWebhookUrl?: string;
  /** Azure Bot Service Direct Line secret: the web page gets tokens exchanged with it; never sent to a browser */
  readonly directLineSecret?: string;
  /** origin of the Direct Line service the secret is exchanged with (no trailing slash) */
  readonly directLineEndpoint: string;
  /** key that signs the local Direct Line's tokens; unset = a random key per process */
  readonly directLineTokenKey?: string;
  /** days after a referral ends (closed or placed) before its personal data is erased; 0 = never */
  readonly retentionDays: number;
  /** hours after its last write before a conversation's dialog state (what a worker typed, even half-way) expires */
  readonly dialogStateTtlHours: number;
  /** days after its last write before the rest of a user's state (the chosen language) expires; 0 = never */
  readonly stateTtlDays: number;
  /** how often each instance checks for newly published content */
  readonly contentPollMs: number;
  /** console sign-in: a session ends after this long without a request */
  readonly consoleSessionIdleMs: number;
  /** console sign-in: a session ends this long after sign-in, however busy */
  readonly consoleSessionMaxMs: number;
  /** console sign-in: failed attempts per account name in 15 minutes before further attempts get 429 */
  readonly consoleLoginMaxFailures: number;
  /** Teams outbox: first retry delay (doubles per attempt), poll interval, attempts before giving up */
  readonly teamsRetryBaseMs: number;
  readonly teamsOutboxPollMs: number;
  readonly teamsMaxAttempts: number;
  /** campaign announcements: sends started per second per instance, in flight at once, lease, poll, first retry */
  readonly announceRatePerSecond: number;
  readonly announceConcurrency: number;
  readonly announceLeaseMs: number;
  readonly announcePollMs: number;
  readonly announceRetryBaseMs: number;
  /** campaign: the day-before reminders of info sessions (on unless ANNOUNCE_SESSION_REMINDERS=off), from this Italian hour */
  readonly announceSessionReminders: boolean;
  readonly announceReminderHour: number;
  /** NODE_ENV=production: the privacy details below must be set, or the bot does not start */
  readonly production: boolean;
  /** the data controller named in the privacy notices (name, address, contact); unset only in development */
  readonly privacyController?: string;
  /** how to reach the data protection officer (DPO), named in the privacy notices; unset only in development */
  readonly privacyDpoContact?: string;
  /** development only: the privacy variables not set, warned once at start (the notice says "not yet given") */
  readonly privacyMissing: readonly string[];
  /** the bundled [ESEMPIO] projects are seeded inactive (default) or, for demos and tests, active */
  readonly sampleProjects: 'active' | 'inactive';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** One entry per variable: the README's table of variables is written from the same facts. */
export const VARIABLES = {
  PORT: 'TCP port of the HTTP server (default 3978; 0 picks a free port)',
  HOST: 'address to listen on (default 127.0.0.1 in local mode, i.e. without MicrosoftAppId: local mode is for one machine; 0.0.0.0 with an app id)',
  TRUSTED_PROXIES: 'comma-separated IPs or CIDRs of your reverse proxies; only from these is X-Forwarded-For used to tell clients apart for the rate limits (default none: the connecting address)',
  DATA_DIR: 'folder of the embedded store (default ./data)',
  MONGODB_URI: 'MongoDB connection string; when set, the bot uses MongoDB instead of the embedded store',
  MicrosoftAppId: 'Azure Bot app id; unset = local mode (no authentication, for the Emulator and tests)',
  MicrosoftAppPassword: 'Azure Bot client secret (with MicrosoftAppId, for MultiTenant/SingleTenant)',
  MicrosoftAppType: 'MultiTenant (default), SingleTenant or UserAssignedMSI',
  MicrosoftAppTenantId: 'tenant id, required for SingleTenant',
  LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent',
  PUBLIC_URL: "the bot's public https address (used in links and the Teams package)",
  PRIVACY_NOTICE_URL: 'link to the full privacy notice shown in the welcome (default /privacy)',
  MAX_BODY_BYTES: 'largest accepted request body in bytes (default 262144)',
  SHUTDOWN_TIMEOUT_MS: 'how long a graceful stop waits for turns in flight (default 10000)',
  REFERRAL_WEBHOOK_URL: 'URL that receives a JSON POST (no personal data) for each new referral; unset = no webhook',
  DIRECT_LINE_SECRET: 'Azure Bot Service Direct Line secret; the web chat page exchanges it for tokens (never sent to the browser). Unset and no MicrosoftAppId = the bot serves its own local Direct Line',
  DIRECT_LINE_ENDPOINT: 'Direct Line service origin for the secret exchange (default https://directline.botframework.com; regional ones too)',
  DIRECT_LINE_TOKEN_KEY: 'at least 32 characters that sign the local Direct Line tokens (default: a random key per process)',
  RETENTION_DAYS: 'days after a referral is closed or placed before its personal data is erased automatically, leaving the same tombstone as "cancella i miei dati" (default 365; 0 = never)',
  DIALOG_STATE_TTL_HOURS: 'hours after its last change before a conversation\'s dialog state (answers typed into a referral, a pre-check or a subscription not finished) expires and is deleted by the retention job; the chosen language lives on (default 24; 1 to 720)',
  STATE_TTL_DAYS: 'days after their last visit before the rest of a worker\'s chat state (the chosen language) expires: a TTL index on MongoDB, the retention job\'s sweep on the embedded store and FerretDB, so state does not grow with every visitor (default 30; 0 = never; never shorter than DIALOG_STATE_TTL_HOURS)',
  CONTENT_POLL_MS: 'how often each instance checks for newly published content, in milliseconds (default 1000; 100 to 4000, so a change is live within 5 s)',
  CONSOLE_SESSION_IDLE_MINUTES: 'console: minutes without activity after which a signed-in session ends (default 480 = 8 h)',
  CONSOLE_SESSION_MAX_HOURS: 'console: hours after sign-in at which a session ends however active (default 24)',
  CONSOLE_LOGIN_MAX_FAILURES: 'console: failed sign-ins per account name within 15 minutes before more are refused with 429 (default 5; per client address 4 times as many)',
  TEAMS_RETRY_BASE_MS: 'Teams: first delay before re-posting a card the Connector refused with 429/5xx, doubling per attempt; a Retry-After is honoured (default 1000)',
  TEAMS_OUTBOX_POLL_MS: 'Teams: how often the outbox is checked for cards due (other instances, retries); 0 = only on events (default 30000)',
  TEAMS_MAX_ATTEMPTS: 'Teams: delivery attempts of a card before it is marked failed (default 8)',
  ANNOUNCE_RATE_PER_SECOND: 'campaign announcements: messages started per second by each instance (default 8, under the Bot Framework/Teams per-bot limits; 1 to 1000)',
  ANNOUNCE_CONCURRENCY: 'campaign announcements: messages in flight at once per instance (default 4; 1 to 64)',
  ANNOUNCE_LEASE_MS: 'campaign announcements: how long an instance holds a recipient it is sending to; after a crash that recipient is resumed when the lease ends (default 60000; 1000 to 600000)',
  ANNOUNCE_POLL_MS: 'campaign announcements: how often each instance looks for sends due or left by another instance; 0 = only on events and timers (default 5000)',
  ANNOUNCE_RETRY_BASE_MS: 'campaign announcements: first delay before retrying a message refused with 429 (without Retry-After), 5xx or a network error, doubling per attempt (default 1000)',
  ANNOUNCE_SESSION_REMINDERS: 'campaign: on (default) or off. On: the day before an info session, subscribers to "sessions" in its province get a reminder (an announcement staff can see and cancel)',
  ANNOUNCE_REMINDER_HOUR: 'campaign: the hour in Italy (0-23) from which the day-before reminders of info sessions are sent (default 10)',
  NODE_ENV: 'production makes PRIVACY_CONTROLLER, PRIVACY_DPO_CONTACT and RETENTION_DAYS required (the bot does not start without them); anything else is development, which warns once at start',
  PRIVACY_CONTROLLER: 'the data controller named in the privacy notices: name, address and contact of the body that publishes the assistant (required in production)',
  PRIVACY_DPO_CONTACT: 'how to reach the data protection officer (DPO), e.g. an e-mail address, named in the privacy notices (required in production)',
  SAMPLE_PROJECTS: 'inactive (default) or active: how the bundled [ESEMPIO] network projects are seeded on a first start. Inactive, a referral goes to staff until they activate a real project; active is for demos and tests',
} as const;

/** Stated in the privacy notices: production refuses to start without them (RETENTION_DAYS defaults only in development). */
const PRIVACY_VARIABLES = ['PRIVACY_CONTROLLER', 'PRIVACY_DPO_CONTACT', 'RETENTION_DAYS'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return fallback;
}

function url(env: Env, name: string, problems: string[], schemes: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!schemes.includes(parsed.protocol)) problems.push(`${name} must start with ${schemes.join(' or ')}, got "${raw}"`);
  } catch {
    problems.push(`${name} must be a URL, got "${raw}"`);
  }
  return raw;
}

/** 'https://host/any/path' -> 'https://host'; undefined for a missing or unparsable value (already reported). */
function originOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}

/** 'a, b/24' -> ['a', 'b/24'], each an IPv4/IPv6 address or CIDR; a wrong entry is reported. */
function addressList(env: Env, name: string, problems: string[]): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || extra !== undefined) problems.push(`${name} must list IP addresses or CIDRs separated by commas, got "${entry}"`);
  }
  return entries;
}

/** Parses the environment; throws ConfigError listing every wrong variable at once. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const microsoftAppId = optional(env, 'MicrosoftAppId');
  const microsoftAppPassword = optional(env, 'MicrosoftAppPassword');
  const microsoftAppType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant', problems);
  const microsoftAppTenantId = optional(env, 'MicrosoftAppTenantId');
  if (microsoftAppType === 'SingleTenant' && microsoftAppId && !microsoftAppTenantId) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  if (microsoftAppPassword && !microsoftAppId) problems.push('MicrosoftAppPassword is set but MicrosoftAppId is not');

  const privacyRaw = optional(env, 'PRIVACY_NOTICE_URL') ?? '/privacy';
  const production = optional(env, 'NODE_ENV') === 'production';
  const privacyMissing = PRIVACY_VARIABLES.filter((name) => optional(env, name) === undefined);
  // one line each, so the operator sees every missing detail at once
  if (production) for (const name of privacyMissing) problems.push(`${name} is required when NODE_ENV=production (the privacy notice states it)`);
  if (!privacyRaw.startsWith('/')) url({ PRIVACY_NOTICE_URL: privacyRaw }, 'PRIVACY_NOTICE_URL', problems, ['https:', 'http:']);

  const config: Config = {
    port: integer(env, 'PORT', 3978, 0, 65535, problems),
    // Local mode accepts unauthenticated activities: by default only this machine may reach it.
    host: optional(env, 'HOST') ?? (microsoftAppId ? '0.0.0.0' : '127.0.0.1'),
    trustedProxies: addressList(env, 'TRUSTED_PROXIES', problems),
    dataDir: path.resolve(cwd, optional(env, 'DATA_DIR') ?? './data'),
    mongodbUri: url(env, 'MONGODB_URI', problems, ['mongodb:', 'mongodb+srv:']),
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType,
    microsoftAppTenantId,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', problems),
    publicUrl: url(env, 'PUBLIC_URL', problems, ['https:', 'http:']),
    privacyNoticeUrl: privacyRaw,
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 120000, problems),
    referralWebhookUrl: url(env, 'REFERRAL_WEBHOOK_URL', problems, ['https:', 'http:']),
    directLineSecret: optional(env, 'DIRECT_LINE_SECRET'),
    directLineEndpoint: originOf(url(env, 'DIRECT_LINE_ENDPOINT', problems, ['https:', 'http:'])) ?? 'https://directline.botframework.com',
    directLineTokenKey: optional(env, 'DIRECT_LINE_TOKEN_KEY'),
    retentionDays: integer(env, 'RETENTION_DAYS', 365, 0, 3650, problems),
    dialogStateTtlHours: integer(env, 'DIALOG_STATE_TTL_HOURS', 24, 1, 720, problems),
    stateTtlDays: integer(env, 'STATE_TTL_DAYS', 30, 0, 3650, problems),
    contentPollMs: integer(env, 'CONTENT_POLL_MS', 1000, 100, 4000, problems),
    consoleSessionIdleMs: integer(env, 'CONSOLE_SESSION_IDLE_MINUTES', 480, 1, 7 * 24 * 60, problems) * 60 * 1000,
    consoleSessionMaxMs: integer(env, 'CONSOLE_SESSION_MAX_HOURS', 24, 1, 30 * 24, problems) * 60 * 60 * 1000,
    consoleLoginMaxFailures: integer(env, 'CONSOLE_LOGIN_MAX_FAILURES', 5, 1, 100, problems),
    teamsRetryBaseMs: integer(env, 'TEAMS_RETRY_BASE_MS', 1000, 0, 600000, problems),
    teamsOutboxPollMs: integer(env, 'TEAMS_OUTBOX_POLL_MS', 30000, 0, 3600000, problems),
    teamsMaxAttempts: integer(env, 'TEAMS_MAX_ATTEMPTS', 8, 1, 100, problems),
    announceRatePerSecond: integer(env, 'ANNOUNCE_RATE_PER_SECOND', 8, 1, 1000, problems),
    announceConcurrency: integer(env, 'ANNOUNCE_CONCURRENCY', 4, 1, 64, problems),
    announceLeaseMs: integer(env, 'ANNOUNCE_LEASE_MS', 60000, 1000, 600000, problems),
    announcePollMs: integer(env, 'ANNOUNCE_POLL_MS', 5000, 0, 3600000, problems),
    announceRetryBaseMs: integer(env, 'ANNOUNCE_RETRY_BASE_MS', 1000, 0, 600000, problems),
    announceSessionReminders: oneOf(env, 'ANNOUNCE_SESSION_REMINDERS', ['on', 'off'] as const, 'on', problems) === 'on',
    announceReminderHour: integer(env, 'ANNOUNCE_REMINDER_HOUR', 10, 0, 23, problems),
    production,
    privacyController: optional(env, 'PRIVACY_CONTROLLER'),
    privacyDpoContact: optional(env, 'PRIVACY_DPO_CONTACT'),
    privacyMissing: Object.freeze([...privacyMissing]),
    sampleProjects: oneOf(env, 'SAMPLE_PROJECTS', ['inactive', 'active'] as const, 'inactive', problems),
  };
  if (config.directLineTokenKey !== undefined && config.directLineTokenKey.length < 32) problems.push('DIRECT_LINE_TOKEN_KEY must be at least 32 characters long');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** What the privacy notices state from configuration: the controller, the DPO contact, the retention. */
export function privacyDetailsOf(config: Config): PrivacyDetails {
  return { controller: config.privacyController, dpoContact: config.privacyDpoContact, retentionDays: config.retentionDays };
}
