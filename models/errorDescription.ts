/**
 * An error as it may be logged: its class, code and stack frames (file and line), never its message, which can
 * quote data (a duplicate key with a phone number, a JSON fragment a worker typed, an argument's value). The class
 * goes under `type` because the JSON logger censors any `name` key (bot/logger.ts).
 */
const MAX_FRAMES = 12;

export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_FRAMES);
  return { type: err.name, ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code).slice(0, 40) } : {}), frames };
}
