/** The console's session cookie: reading it from a request and writing it with the right flags. */
export const SESSION_COOKIE = 'adr_session';

/** The value of one cookie of a `Cookie` header (first occurrence), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export interface CookieFlags {
  /** send only over https (when PUBLIC_URL is https) */
  secure: boolean;
}

/**
 * `adr_session=<id>; Path=/; HttpOnly; SameSite=Strict[; Secure]`: a browser-session cookie (no Max-Age; the
 * server ends sessions on its own clock), unreadable by scripts, never sent by requests started on other sites.
 */
export function sessionCookie(id: string, flags: CookieFlags): string {
  return [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(flags.secure ? ['Secure'] : [])].join('; ');
}

/** The header that makes the browser forget the cookie. */
export function clearedSessionCookie(flags: CookieFlags): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', ...(flags.secure ? ['Secure'] : [])].join('; ');
}
