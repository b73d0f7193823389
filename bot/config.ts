import { isIP } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';
import type { PrivacyDetails } from '../models/privacyNotice';
import { DEFAULT_HANDOFF_HOURS, parseOfficeHours, type WeeklyHours } from '../models/handoff/officeHours';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// The kinds of value a variable can hold. Each states its own error text; problemOf puts the variable's name in front.

/** Text, trimmed; a blank variable counts as unset (see blankAsUnset). */
const text = z.string().trim().optional();

/** A whole number within [min, max], written in decimal (Number() rules, as always). */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .refine((raw) => Number.isInteger(Number(raw)) && Number(raw) >= min && Number(raw) <= max, {
      error: (issue) => `must be a whole number from ${min} to ${max}, got "${String(issue.input)}"`,
    })
    .transform(Number);
}

function oneOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z
    .string()
    .trim()
    .pipe(z.enum(allowed, { error: (issue) => `must be one of ${allowed.join(', ')}, got "${String(issue.input)}"` }));
}

const WEB = ['https:', 'http:'] as const;

/** An absolute URL with one of these schemes, kept as written; with sitePath, a path on this site ('/privacy') too. */
function url(schemes: readonly string[], { sitePath = false } = {}) {
  return z
    .string()
    .trim()
    .superRefine((raw, ctx) => {
      if (sitePath && raw.startsWith('/')) return;
      if (!URL.canParse(raw)) ctx.addIssue(`must be a URL, got "${raw}"`);
      else if (!schemes.includes(new URL(raw).protocol)) ctx.addIssue(`must start with ${schemes.join(' or ')}, got "${raw}"`);
    });
}

/** An IPv4/IPv6 address or CIDR, by node:net's rules (the ones the server's BlockList applies). */
const addressOrCidr = z.string().refine(
  (entry) => {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    return family !== 0 && prefixOk && extra === undefined;
  },
  { error: (issue) => `must list IP addresses or CIDRs separated by commas, got "${String(issue.input)}"` },
);

/** 'a, b/24' -> ['a', 'b/24']; each wrong entry is reported. */
const addressList = z
  .string()
  .transform((raw) => raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .pipe(z.array(addressOrCidr));

/**
 * Every variable the bot reads: its kind, range, default and description (the README's table of variables is written
 * from the same facts). RETENTION_DAYS has no default here: production requires it, development defaults it below.
 */
const variables = z.object({
  PORT: wholeNumber(0, 65535).default(3978).describe('TCP port of the HTTP server (default 3978; 0 picks a free port)'),
  HOST: text.describe('address to listen on (default 127.0.0.1 in local mode, i.e. without MicrosoftAppId: local mode is for one machine; 0.0.0.0 with an app id)'),
  TRUSTED_PROXIES: addressList.default([]).describe('comma-separated IPs or CIDRs of your reverse proxies; only from these is X-Forwarded-For used to tell clients apart for the rate limits (default none: the connecting address)'),
  DATA_DIR: text.default('./data').describe('folder of the embedded store (default ./data)'),
  MONGODB_URI: url(['mongodb:', 'mongodb+srv:']).optional().describe('MongoDB connection string; when set, the bot uses MongoDB instead of the embedded store'),
  MicrosoftAppId: text.describe('Azure Bot app id; unset = local mode (no authentication, for the Emulator and tests)'),
  MicrosoftAppPassword: text.describe('Azure Bot client secret (with MicrosoftAppId, for MultiTenant/SingleTenant)'),
  MicrosoftAppType: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant').describe('MultiTenant (default), SingleTenant or UserAssignedMSI'),
  MicrosoftAppTenantId: text.describe('tenant id, required for SingleTenant'),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('fatal, error, warn, info (default), debug, trace or silent'),
  PUBLIC_URL: url(WEB).optional().describe("the bot's public https address (used in links and the Teams package)"),
  PRIVACY_NOTICE_URL: url(WEB, { sitePath: true }).default('/privacy').describe('link to the full privacy notice shown in the welcome (default /privacy)'),
  MAX_BODY_BYTES: wholeNumber(1024, 10 * 1024 * 1024).default(256 * 1024).describe('largest accepted request body in bytes (default 262144)'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 120000).default(10000).describe('how long a graceful stop waits for turns in flight (default 10000)'),
  REFERRAL_WEBHOOK_URL: url(WEB).optional().describe('URL that receives a JSON POST (no personal data) for each new referral; unset = no webhook'),
  DIRECT_LINE_SECRET: text.describe('Azure Bot Service Direct Line secret; the web chat page exchanges it for tokens (never sent to the browser). Unset and no MicrosoftAppId = the bot serves its own local Direct Line'),
  DIRECT_LINE_ENDPOINT: url(WEB).transform((raw) => new URL(raw).origin).default('https://directline.botframework.com').describe('Direct Line service origin for the secret exchange (default https://directline.botframework.com; regional ones too)'),
  DIRECT_LINE_TOKEN_KEY: z.string().trim().min(32, 'must be at least 32 characters long').optional().describe('at least 32 characters that sign the local Direct Line tokens (default: a random key per process)'),
  RETENTION_DAYS: wholeNumber(0, 3650).optional().describe('days after a referral is closed or placed before its personal data is erased automatically, leaving the same tombstone as "cancella i miei dati" (default 365; 0 = never)'),
  DIALOG_STATE_TTL_HOURS: wholeNumber(1, 720).default(24).describe('hours after its last change before a conversation\'s dialog state (answers typed into a referral, a pre-check or a subscription not finished) expires and is deleted by the retention job; the chosen language lives on (default 24; 1 to 720)'),
  STATE_TTL_DAYS: wholeNumber(0, 3650).default(30).describe('days after their last visit before the rest of a worker\'s chat state (the chosen language) expires: a TTL index on MongoDB, the retention job\'s sweep on the embedded store and FerretDB, so state does not grow with every visitor (default 30; 0 = never; never shorter than DIALOG_STATE_TTL_HOURS)'),
  OUTBOX_RETENTION_DAYS: wholeNumber(0, 3650).default(30).describe('days after a notification ended (a Teams card or webhook notice delivered, skipped or failed) before its outbox rows and lease tickets are deleted by the retention job, so the outboxes do not grow with every referral; pending rows stay whatever their age, rows of posted Teams cards until their referral is erased (default 30; 0 = never)'),
  CONTENT_POLL_MS: wholeNumber(100, 4000).default(1000).describe('how often each instance checks for newly published content, in milliseconds (default 1000; 100 to 4000, so a change is live within 5 s)'),
  CONSOLE_SESSION_IDLE_MINUTES: wholeNumber(1, 7 * 24 * 60).default(480).describe('console: minutes without activity after which a signed-in session ends (default 480 = 8 h)'),
  CONSOLE_SESSION_MAX_HOURS: wholeNumber(1, 30 * 24).default(24).describe('console: hours after sign-in at which a session ends however active (default 24)'),
  CONSOLE_LOGIN_MAX_FAILURES: wholeNumber(1, 100).default(5).describe('console: failed sign-ins per account name within 15 minutes before more are refused with 429 (default 5; per client address 4 times as many)'),
  TEAMS_RETRY_BASE_MS: wholeNumber(0, 600000).default(1000).describe('Teams: first delay before re-posting a card the Connector refused with 429/5xx, doubling per attempt; a Retry-After is honoured (default 1000)'),
  TEAMS_OUTBOX_POLL_MS: wholeNumber(0, 3600000).default(30000).describe('Teams: how often the outbox is checked for cards due (other instances, retries); 0 = only on events (default 30000)'),
  TEAMS_MAX_ATTEMPTS: wholeNumber(1, 100).default(8).describe('Teams: delivery attempts of a card before it is marked failed (default 8)'),
  REFERRAL_WEBHOOK_RETRY_BASE_MS: wholeNumber(0, 600000).default(1000).describe('referral webhook: first delay before re-posting a notice the receiver answered with 429/5xx or did not answer, doubling per attempt; a Retry-After is honoured (default 1000)'),
  REFERRAL_WEBHOOK_MAX_ATTEMPTS: wholeNumber(1, 100).default(8).describe('referral webhook: attempts of a notice before it is recorded as failed (default 8)'),
  LEAD_EVENTS_POLL_MS: wholeNumber(0, 3600000).default(30000).describe('lead events: how often each instance publishes events a crash left unpublished and looks for notifications due (other instances, retries); 0 = only at start and on events (default 30000)'),
  ANNOUNCE_RATE_PER_SECOND: wholeNumber(1, 1000).default(8).describe('campaign announcements: messages started per second by each instance (default 8, under the Bot Framework/Teams per-bot limits; 1 to 1000)'),
  ANNOUNCE_CONCURRENCY: wholeNumber(1, 64).default(4).describe('campaign announcements: messages in flight at once per instance (default 4; 1 to 64)'),
  ANNOUNCE_LEASE_MS: wholeNumber(1000, 600000).default(60000).describe('campaign announcements: how long an instance holds a recipient it is sending to; after a crash that recipient is resumed when the lease ends (default 60000; 1000 to 600000)'),
  ANNOUNCE_POLL_MS: wholeNumber(0, 3600000).default(5000).describe('campaign announcements: how often each instance looks for sends due or left by another instance; 0 = only on events and timers (default 5000)'),
  ANNOUNCE_RETRY_BASE_MS: wholeNumber(0, 600000).default(1000).describe('campaign announcements: first delay before retrying a message refused with 429 (without Retry-After), 5xx or a network error, doubling per attempt (default 1000)'),
  ANNOUNCE_SESSION_REMINDERS: oneOf(['on', 'off']).default('on').describe('campaign: on (default) or off. On: the day before an info session, subscribers to "sessions" in its province get a reminder (an announcement staff can see and cancel)'),
  ANNOUNCE_REMINDER_HOUR: wholeNumber(0, 23).default(10).describe('campaign: the hour in Italy (0-23) from which the day-before reminders of info sessions are sent (default 10)'),
  HANDOFF_HOURS: z
    .string()
    .trim()
    .default(DEFAULT_HANDOFF_HOURS)
    .transform((raw, ctx): WeeklyHours => {
      const parsed = parseOfficeHours(raw);
      if (parsed.ok) return parsed.hours;
      ctx.addIssue(parsed.problem);
      return z.NEVER;
    })
    .describe(`a person asked for: the days and hours, Italian time, when the network's operators work (holidays are published content); groups separated by ";" (default "${DEFAULT_HANDOFF_HOURS}")`),
  HANDOFF_WAIT_SECONDS: wholeNumber(10, 3600).default(120).describe('a person asked for: seconds the worker waits for an operator to accept before the call-back is offered (default 120; 10 to 3600)'),
  HANDOFF_IDLE_MINUTES: wholeNumber(1, 240).default(10).describe('live handoff: minutes without a message from the operator after which a conversation they hold ends and the worker is offered the call-back (default 10; 1 to 240)'),
  NODE_ENV: text.describe('production makes PRIVACY_CONTROLLER, PRIVACY_DPO_CONTACT and RETENTION_DAYS required (the bot does not start without them); anything else is development, which warns once at start'),
  PRIVACY_CONTROLLER: text.describe('the data controller named in the privacy notices: name, address and contact of the body that publishes the assistant (required in production)'),
  PRIVACY_DPO_CONTACT: text.describe('how to reach the data protection officer (DPO), e.g. an e-mail address, named in the privacy notices (required in production)'),
  SAMPLE_PROJECTS: oneOf(['inactive', 'active']).default('inactive').describe('inactive (default) or active: how the bundled [ESEMPIO] network projects are seeded on a first start. Inactive, a referral goes to staff until they activate a real project; active is for demos and tests'),
});

/** Stated in the privacy notices: production refuses to start without them (RETENTION_DAYS defaults only in development). */
const PRIVACY_VARIABLES = ['PRIVACY_CONTROLLER', 'PRIVACY_DPO_CONTACT', 'RETENTION_DAYS'] as const;

/** process.env hands over blank values ('PORT=' in a .env file): those mean "not set", so the default applies. */
function blankAsUnset(env: unknown): unknown {
  if (typeof env !== 'object' || env === null) return env;
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, typeof value === 'string' && value.trim() === '' ? undefined : value]));
}

/** The environment, checked variable by variable and then across variables; every problem is reported at once. */
const environment = z.preprocess(
  blankAsUnset,
  variables.superRefine(
    (env, ctx) => {
      const problem = (name: keyof typeof env, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
      if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
        problem('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
      }
      if (env.MicrosoftAppPassword && !env.MicrosoftAppId) problem('MicrosoftAppPassword', 'is set but MicrosoftAppId is not');
      // one line each, so the operator sees every missing detail at once
      if (env.NODE_ENV === 'production') {
        for (const name of PRIVACY_VARIABLES) if (env[name] === undefined) problem(name, 'is required when NODE_ENV=production (the privacy notice states it)');
      }
    },
    // also when some variable is wrong: the operator gets the whole list in one start
    { when: () => true },
  ),
);

/** The environment as the bot's typed configuration. */
function configSchema(cwd: string) {
  return environment.transform((env) => ({
    port: env.PORT,
    /** where the server listens: 127.0.0.1 in local mode (no MicrosoftAppId), 0.0.0.0 with an app id, unless HOST says */
    // Local mode accepts unauthenticated activities: by default only this machine may reach it.
    host: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    /** reverse proxies (IPs or CIDRs) whose X-Forwarded-For is believed when they connect; empty = none */
    trustedProxies: Object.freeze(env.TRUSTED_PROXIES) as readonly string[],
    dataDir: path.resolve(cwd, env.DATA_DIR),
    mongodbUri: env.MONGODB_URI,
    microsoftAppId: env.MicrosoftAppId,
    microsoftAppPassword: env.MicrosoftAppPassword,
    microsoftAppType: env.MicrosoftAppType,
    microsoftAppTenantId: env.MicrosoftAppTenantId,
    logLevel: env.LOG_LEVEL,
    publicUrl: env.PUBLIC_URL,
    privacyNoticeUrl: env.PRIVACY_NOTICE_URL,
    maxBodyBytes: env.MAX_BODY_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    referralWebhookUrl: env.REFERRAL_WEBHOOK_URL,
    /** Azure Bot Service Direct Line secret: the web page gets tokens exchanged with it; never sent to a browser */
    directLineSecret: env.DIRECT_LINE_SECRET,
    /** origin of the Direct Line service the secret is exchanged with (no trailing slash) */
    directLineEndpoint: env.DIRECT_LINE_ENDPOINT,
    /** key that signs the local Direct Line's tokens; unset = a random key per process */
    directLineTokenKey: env.DIRECT_LINE_TOKEN_KEY,
    /** days after a referral ends (closed or placed) before its personal data is erased; 0 = never */
    retentionDays: env.RETENTION_DAYS ?? 365,
    /** hours after its last write before a conversation's dialog state (what a worker typed, even half-way) expires */
    dialogStateTtlHours: env.DIALOG_STATE_TTL_HOURS,
    stateTtlDays: env.STATE_TTL_DAYS,
    /** days after an outbox row ended (delivered, skipped, failed) before the retention job deletes it; 0 = never */
    outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    /** how often each instance checks for newly published content */
    contentPollMs: env.CONTENT_POLL_MS,
    /** console sign-in: a session ends after this long without a request */
    consoleSessionIdleMs: env.CONSOLE_SESSION_IDLE_MINUTES * 60 * 1000,
    /** console sign-in: a session ends this long after sign-in, however busy */
    consoleSessionMaxMs: env.CONSOLE_SESSION_MAX_HOURS * 60 * 60 * 1000,
    /** console sign-in: failed attempts per account name in 15 minutes before further attempts get 429 */
    consoleLoginMaxFailures: env.CONSOLE_LOGIN_MAX_FAILURES,
    /** Teams outbox: first retry delay (doubles per attempt), poll interval, attempts before giving up */
    teamsRetryBaseMs: env.TEAMS_RETRY_BASE_MS,
    teamsOutboxPollMs: env.TEAMS_OUTBOX_POLL_MS,
    teamsMaxAttempts: env.TEAMS_MAX_ATTEMPTS,
    referralWebhookRetryBaseMs: env.REFERRAL_WEBHOOK_RETRY_BASE_MS,
    referralWebhookMaxAttempts: env.REFERRAL_WEBHOOK_MAX_ATTEMPTS,
    leadEventsPollMs: env.LEAD_EVENTS_POLL_MS,
    /** campaign announcements: sends started per second per instance, in flight at once, lease, poll, first retry */
    announceRatePerSecond: env.ANNOUNCE_RATE_PER_SECOND,
    announceConcurrency: env.ANNOUNCE_CONCURRENCY,
    announceLeaseMs: env.ANNOUNCE_LEASE_MS,
    announcePollMs: env.ANNOUNCE_POLL_MS,
    announceRetryBaseMs: env.ANNOUNCE_RETRY_BASE_MS,
    /** campaign: the day-before reminders of info sessions (on unless ANNOUNCE_SESSION_REMINDERS=off), from this Italian hour */
    announceSessionReminders: env.ANNOUNCE_SESSION_REMINDERS === 'on',
    announceReminderHour: env.ANNOUNCE_REMINDER_HOUR,
    /** when the network's operators work (Monday first; minutes from midnight, Italian time): HANDOFF_HOURS */
    handoffHours: env.HANDOFF_HOURS,
    /** how long a worker who asked for a person waits for an operator before the call-back is offered */
    handoffWaitMs: env.HANDOFF_WAIT_SECONDS * 1000,
    /** how long an operator holding a conversation may stay silent before it ends (HANDOFF_IDLE_MINUTES) */
    handoffIdleMs: env.HANDOFF_IDLE_MINUTES * 60_000,
    /** NODE_ENV=production: the privacy details below must be set, or the bot does not start */
    production: env.NODE_ENV === 'production',
    /** the data controller named in the privacy notices (name, address, contact); unset only in development */
    privacyController: env.PRIVACY_CONTROLLER,
    /** how to reach the data protection officer (DPO), named in the privacy notices; unset only in development */
    privacyDpoContact: env.PRIVACY_DPO_CONTACT,
    /** development only: the privacy variables not set, warned once at start (the notice says "not yet given") */
    privacyMissing: Object.freeze(PRIVACY_VARIABLES.filter((name) => env[name] === undefined)) as readonly string[],
    /** the bundled [ESEMPIO] projects are seeded inactive (default) or, for demos and tests, active */
    sampleProjects: env.SAMPLE_PROJECTS,
  }));
}

/** Everything the bot reads from its environment, parsed and checked once at start-up. */
export type Config = Readonly<z.output<ReturnType<typeof configSchema>>>;

/** One entry per variable, its description: the README's table of variables is written from the same facts. */
export const VARIABLES = Object.fromEntries(Object.entries(variables.shape).map(([name, schema]) => [name, schema.description ?? ''])) as Readonly<
  Record<keyof typeof variables.shape, string>
>;

/** 'PORT must be a whole number from 0 to 65535, got "eighty"': the variable, then what its schema says. */
function problemOf(issue: z.core.$ZodIssue): string {
  return `${String(issue.path[0])} ${issue.message}`;
}

/** Parses the environment; throws ConfigError listing every wrong variable at once. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const parsed = configSchema(cwd).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(problemOf));
  return Object.freeze(parsed.data);
}

/**
 * Where the store is (DATA_DIR, MONGODB_URI) and nothing else, for the CLIs, which read no other variable: the same
 * schema as the bot's, so a CLI and the bot on one environment open the same store. Throws ConfigError.
 */
export function loadStoreLocation(env: Env = process.env, cwd: string = process.cwd()): Pick<Config, 'dataDir' | 'mongodbUri'> {
  const parsed = z.preprocess(blankAsUnset, variables.pick({ DATA_DIR: true, MONGODB_URI: true })).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(problemOf));
  return { dataDir: path.resolve(cwd, parsed.data.DATA_DIR), mongodbUri: parsed.data.MONGODB_URI };
}

/** What the privacy notices state from configuration: the controller, the DPO contact, the retention. */
export function privacyDetailsOf(config: Config): PrivacyDetails {
  return { controller: config.privacyController, dpoContact: config.privacyDpoContact, retentionDays: config.retentionDays };
}
