/**
 * A pure function of a short text, remembered. Understanding reads each message many times over (a FAQ turn folds
 * the same message about forty times, splits it into clauses seven times, tries typo fixes on the same words), and
 * workers' words repeat from message to message, so remembering what a word or a short message gave is cheaper than
 * computing it again. Bounded: past `capacity` entries the memory starts afresh (no message can grow it), and a text
 * longer than `maxLength` (a pasted letter) is never kept. The results are shared: callers must not change them.
 */
export function memoizeText<R>(compute: (text: string) => R, capacity: number, maxLength = 200): (text: string) => R {
  const memory = new Map<string, R>();
  return (text: string): R => {
    if (text.length > maxLength) return compute(text);
    const known = memory.get(text);
    if (known !== undefined || memory.has(text)) return known as R;
    const value = compute(text);
    if (memory.size >= capacity) memory.clear();
    memory.set(text, value);
    return value;
  };
}

/**
 * memoizeText for a pure function of a text and its language ("in which language" changes the reading): the pair
 * is remembered as one key.
 */
export function memoizeTextIn<L extends string, R>(compute: (text: string, language: L) => R, capacity: number, maxLength = 200): (text: string, language: L) => R {
  const remembered = memoizeText(
    (key: string): R => {
      const split = key.indexOf('\u0000');
      return compute(key.slice(split + 1), key.slice(0, split) as L);
    },
    capacity,
    maxLength + 16,
  );
  return (text, language) => remembered(`${language}\u0000${text}`);
}
