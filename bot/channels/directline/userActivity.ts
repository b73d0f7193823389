import type { Activity } from 'botbuilder';
import { z } from 'zod';

export const MAX_TEXT_LENGTH = 4000;
/** `value` and `channelData` (card submits, Web Chat's client ids) are small; anything bigger is not ours. */
export const MAX_JSON_FIELD_BYTES = 8192;
const USER_TYPES = ['message', 'event', 'typing'] as const;
const TEXT_FORMATS = ['plain', 'markdown', 'xml'] as const;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** `value` and `channelData`: anything a client may put there, up to MAX_JSON_FIELD_BYTES. */
const smallJson = (field: string) => z.unknown().refine((value) => jsonBytes(value) <= MAX_JSON_FIELD_BYTES, { error: `field "${field}" is larger than ${MAX_JSON_FIELD_BYTES} bytes` }).optional();

/** A JSON object, kept as it came (not copied: its keys, whatever they are, are the client's). */
const jsonObject = (error?: string) => z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { error });

/** An optional string field of at most `max` characters; null counts as absent. */
const shortString = (field: string, max: number) =>
  z
    .string({ error: `field "${field}" must be a string` })
    .max(max, { error: `field "${field}" is longer than ${max} characters` })
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

/**
 * The fields a client may set, with their types; everything else (who, where, ids, times) the server decides, so
 * any other field is dropped.
 */
const CLIENT_FIELDS = z.object({
  type: z.enum(USER_TYPES),
  text: z.string().optional(),
  locale: z.string().regex(LOCALE, { error: 'field "locale" must be a language tag such as "it-IT"' }).optional(),
  textFormat: z.string().pipe(z.enum(TEXT_FORMATS, { error: 'field "textFormat" must be plain, markdown or xml' })).optional(),
  name: z.string().optional(),
  value: z.unknown().optional(),
  channelData: jsonObject().optional(),
  localTimestamp: z.string().optional(),
  localTimezone: z.string().optional(),
});

/**
 * What a Direct Line client posts, checked in three stages so that a body with several problems is told the first
 * in the order clients have always been told (the reason is all a client gets): the activity itself (its type, its
 * text, no uploads, a message says something), then the sizes and kinds of the other fields, then the formats of
 * the locale and the text format (CLIENT_FIELDS, which also keeps only the client's fields).
 */
export const USER_ACTIVITY = z
  .looseObject(
    {
      type: z.string({ error: 'field "type" is required (e.g. "message")' }).min(1, { error: 'field "type" is required (e.g. "message")' }).pipe(z.enum(USER_TYPES, { error: `field "type" must be one of ${USER_TYPES.join(', ')}` })),
      text: z.string({ error: 'field "text" must be a string' }).max(MAX_TEXT_LENGTH, { error: `field "text" is longer than ${MAX_TEXT_LENGTH} characters` }).optional(),
      attachments: z.unknown().refine((files) => !Array.isArray(files) || files.length === 0, { error: 'attachments (file uploads) are not supported' }).optional(),
      value: z.unknown().optional(),
    },
    { error: 'the body must be a JSON object (an activity)' },
  )
  .refine((a) => a.type !== 'message' || (a.text ?? '').trim() !== '' || a.value !== undefined, { error: 'a message needs a non-empty "text" (or a card "value")' })
  .pipe(
    z.looseObject({
      // checked above, passed on
      type: z.enum(USER_TYPES),
      text: z.string().optional(),
      value: smallJson('value'),
      channelData: smallJson('channelData').pipe(jsonObject('field "channelData" must be an object').optional()),
      locale: shortString('locale', 20),
      name: shortString('name', 100),
      localTimestamp: shortString('localTimestamp', 40),
      localTimezone: shortString('localTimezone', 64),
      textFormat: shortString('textFormat', 10),
    }),
  )
  .pipe(CLIENT_FIELDS);

/** The fields a client may set; everything else (who, where, ids, times) the server decides. */
export type UserActivityInput = z.infer<typeof CLIENT_FIELDS>;

export type ValidationResult = { ok: true; input: UserActivityInput } | { ok: false; reason: string };

/** Checks what a Direct Line client posts and keeps only the fields a client may set; refused: the first problem. */
export function validateUserActivity(body: unknown): ValidationResult {
  const parsed = USER_ACTIVITY.safeParse(body);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, reason: parsed.error.issues[0].message };
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
