import type { Activity } from 'botbuilder';

export const MAX_TEXT_LENGTH = 4000;
/** `value` and `channelData` (card submits, Web Chat's client ids) are small; anything bigger is not ours. */
export const MAX_JSON_FIELD_BYTES = 8192;
const USER_TYPES = ['message', 'event', 'typing'] as const;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

/** The fields a client may set; everything else (who, where, ids, times) the server decides. */
export interface UserActivityInput {
  type: (typeof USER_TYPES)[number];
  text?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  locale?: string;
  name?: string;
  value?: unknown;
  channelData?: Record<string, unknown>;
  localTimestamp?: string;
  localTimezone?: string;
}

export type ValidationResult = { ok: true; input: UserActivityInput } | { ok: false; reason: string };

function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function optionalString(source: Record<string, unknown>, field: string, max: number): string | undefined | Error {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return new Error(`field "${field}" must be a string`);
  if (value.length > max) return new Error(`field "${field}" is longer than ${max} characters`);
  return value;
}

/** Checks what a Direct Line client posts and keeps only the fields a client may set. */
export function validateUserActivity(body: unknown): ValidationResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'the body must be a JSON object (an activity)' };
  const source = body as Record<string, unknown>;
  if (typeof source.type !== 'string' || source.type === '') return { ok: false, reason: 'field "type" is required (e.g. "message")' };
  if (!(USER_TYPES as readonly string[]).includes(source.type)) return { ok: false, reason: `field "type" must be one of ${USER_TYPES.join(', ')}` };
  if (source.text !== undefined && typeof source.text !== 'string') return { ok: false, reason: 'field "text" must be a string' };
  if (typeof source.text === 'string' && source.text.length > MAX_TEXT_LENGTH) return { ok: false, reason: `field "text" is longer than ${MAX_TEXT_LENGTH} characters` };
  if (Array.isArray(source.attachments) && source.attachments.length > 0) return { ok: false, reason: 'attachments (file uploads) are not supported' };
  if (source.type === 'message' && (typeof source.text !== 'string' || source.text.trim() === '') && source.value === undefined) {
    return { ok: false, reason: 'a message needs a non-empty "text" (or a card "value")' };
  }
  for (const field of ['value', 'channelData'] as const) {
    if (source[field] !== undefined && jsonBytes(source[field]) > MAX_JSON_FIELD_BYTES) return { ok: false, reason: `field "${field}" is larger than ${MAX_JSON_FIELD_BYTES} bytes` };
  }
  if (source.channelData !== undefined && (source.channelData === null || typeof source.channelData !== 'object' || Array.isArray(source.channelData))) {
    return { ok: false, reason: 'field "channelData" must be an object' };
  }
  const strings: Record<string, number> = { locale: 20, name: 100, localTimestamp: 40, localTimezone: 64, textFormat: 10 };
  const values: Record<string, string | undefined> = {};
  for (const [field, max] of Object.entries(strings)) {
    const value = optionalString(source, field, max);
    if (value instanceof Error) return { ok: false, reason: value.message };
    values[field] = value;
  }
  if (values.locale !== undefined && !LOCALE.test(values.locale)) return { ok: false, reason: 'field "locale" must be a language tag such as "it-IT"' };
  const textFormat = values.textFormat;
  if (textFormat !== undefined && textFormat !== 'plain' && textFormat !== 'markdown' && textFormat !== 'xml') return { ok: false, reason: 'field "textFormat" must be plain, markdown or xml' };
  return {
    ok: true,
    input: {
      type: source.type as UserActivityInput['type'],
      text: source.text as string | undefined,
      textFormat,
      locale: values.locale,
      name: values.name,
      value: source.value,
      channelData: source.channelData as Record<string, unknown> | undefined,
      localTimestamp: values.localTimestamp,
      localTimezone: values.localTimezone,
    },
  };
}

export interface ActivityContext {
  conversationId: string;
  userId: string;
  /** the conversation's locale, for activities that carry none */
  locale?: string;
  serviceUrl: string;
  bot: { id: string; name: string };
  channelId: string;
  timestamp: Date;
}

/** The activity as the bot receives it: the client's fields, with the server's word on who, where and when. */
export function toBotActivity(input: UserActivityInput, ctx: ActivityContext): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: input.type,
    channelId: ctx.channelId,
    serviceUrl: ctx.serviceUrl,
    timestamp: ctx.timestamp,
    from: { id: ctx.userId, name: '', role: 'user' },
    recipient: { id: ctx.bot.id, name: ctx.bot.name, role: 'bot' },
    conversation: { id: ctx.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    locale: input.locale ?? ctx.locale,
  };
  if (input.text !== undefined) activity.text = input.text;
  if (input.textFormat !== undefined) activity.textFormat = input.textFormat;
  if (input.name !== undefined) activity.name = input.name;
  if (input.value !== undefined) activity.value = input.value;
  if (input.channelData !== undefined) activity.channelData = input.channelData;
  if (input.localTimezone !== undefined) activity.localTimezone = input.localTimezone;
  if (input.localTimestamp !== undefined && !Number.isNaN(Date.parse(input.localTimestamp))) activity.localTimestamp = new Date(input.localTimestamp);
  return activity;
}
