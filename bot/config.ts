import * as path from 'node:path';

/** Everything the bot reads from its environment, parsed and checked once at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
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
  HOST: 'address to listen on (default 0.0.0.0)',
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
} as const;

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
  if (!privacyRaw.startsWith('/')) url({ PRIVACY_NOTICE_URL: privacyRaw }, 'PRIVACY_NOTICE_URL', problems, ['https:', 'http:']);

  const config: Config = {
    port: integer(env, 'PORT', 3978, 0, 65535, problems),
    host: optional(env, 'HOST') ?? '0.0.0.0',
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
  };
  if (config.directLineTokenKey !== undefined && config.directLineTokenKey.length < 32) problems.push('DIRECT_LINE_TOKEN_KEY must be at least 32 characters long');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
