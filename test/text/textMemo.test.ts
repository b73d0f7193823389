import { memoizeText } from '../../models/text/textMemo';

describe('memoizeText', () => {
  test('computes a text once and answers again from memory, undefined results included', () => {
    const seen: string[] = [];
    const length = memoizeText((text) => {
      seen.push(text);
      return text === 'none' ? undefined : text.length;
    }, 10);
    expect([length('abc'), length('abc'), length('none'), length('none')]).toEqual([3, 3, undefined, undefined]);
    expect(seen).toEqual(['abc', 'none']);
  });

  test('stays bounded: past its capacity it starts afresh, and a long text is never kept', () => {
    const seen: string[] = [];
    const upper = memoizeText(
      (text) => {
        seen.push(text);
        return text.toUpperCase();
      },
      2,
      5,
    );
    upper('a');
    upper('b');
    // full: the memory starts afresh with "c"
    upper('c');
    upper('a');
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
    expect(upper('longer text')).toBe('LONGER TEXT');
    expect(upper('longer text')).toBe('LONGER TEXT');
    expect(seen.filter((t) => t === 'longer text')).toHaveLength(2);
  });
});
