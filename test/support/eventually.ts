/**
 * The one way tests wait for something that happens on its own time (a background job, a child process, a page):
 * `check` is tried until it returns a truthy value (or stops throwing), which is returned; past `withinMs` the test
 * fails with the last answer. Never a fixed sleep: a wait ends as soon as the thing has happened.
 */
export interface EventuallyOptions {
  /** give up after this long (default 10 s: generous, the machine may be loaded) */
  withinMs?: number;
  /** time between tries (default 50 ms) */
  everyMs?: number;
  /** what is awaited, for the error message */
  what?: string;
}

export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<NonNullable<T>> {
  const withinMs = options.withinMs ?? 10_000;
  const everyMs = options.everyMs ?? 50;
  const deadline = Date.now() + withinMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${options.what ?? 'the condition'} did not hold within ${withinMs} ms (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
