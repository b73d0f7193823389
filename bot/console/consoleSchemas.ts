/**
 * The bodies of the console's session API (sign-in, first-staff setup), checked with the same helper as the
 * operators' API (bot/api/routeTable.ts `checkedBody`) and described by the same schemas in the OpenAPI document.
 * Missing fields are left to the domain where it decides (an unknown setup token is a 410, not a 400).
 */
import { z } from 'zod';
import { ROLES } from '../../models/accounts/accountService';
import { reasons } from '../api/schemas';

/** What sign-in, setup and GET /console/api/me answer. */
export const CONSOLE_SESSION = z
  .object({
    name: z.string(),
    role: z.enum(ROLES),
    projectIds: z.array(z.string()),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every change' }),
  })
  .meta({ id: 'ConsoleSession' });
export type ConsoleSession = z.infer<typeof CONSOLE_SESSION>;

export const LOGIN_BODY = z
  .strictObject({
    name: z
      .string(reasons('not_a_string'))
      .transform((v) => v.trim())
      .refine((v) => v !== '', { error: 'required' }),
    password: z.string(reasons('not_a_string')).refine((v) => v !== '', { error: 'required' }),
  })
  .meta({ id: 'LoginRequest' });

export const SETUP_CHECK_BODY = z.strictObject({ token: z.string({ error: 'not_a_string' }).optional() });

export const SETUP_BODY = z.strictObject({
  token: z.string({ error: 'not_a_string' }).optional(),
  name: z.string({ error: 'not_a_string' }).meta({ description: 'login name: 2-64 of A-Z a-z 0-9 . _ -' }).default(''),
  displayName: z.string({ error: 'not_a_string' }).meta({ description: 'how the console names the person' }).optional(),
  password: z.string({ error: 'not_a_string' }).meta({ description: 'at least 12 characters' }).default(''),
});
