import { Locale } from '../content';
import { LANGUAGE_TABLE, prefixStem } from '../languages';

/** The part of `snowball-stemmers` used here (the package ships no type declarations). */
interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

function isFactory(value: unknown): value is SnowballFactory {
  return typeof value === 'object' && value !== null && typeof (value as { newStemmer?: unknown }).newStemmer === 'function';
}

let factory: SnowballFactory | undefined;

function snowball(): SnowballFactory {
  if (factory === undefined) {
    const loaded: unknown = require('snowball-stemmers');
    if (!isFactory(loaded)) throw new Error('snowball-stemmers does not export newStemmer()');
    factory = loaded;
  }
  return factory;
}

/**
 * A Snowball stemmer for the locale (models/languages.ts names the algorithm; Albanian and Ukrainian have none and
 * keep the word's first letters, see prefixStem), with a small cache (the same words come back often). Input must
 * already be lowercase and accent-folded.
 */
export function createStemmer(locale: Locale): (word: string) => string {
  const algorithm = LANGUAGE_TABLE[locale].snowball;
  const stemmer: SnowballStemmer = algorithm === null ? { stem: prefixStem } : snowball().newStemmer(algorithm);
  const cache = new Map<string, string>();
  return (word: string): string => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = /^\p{N}+$/u.test(word) ? word : stemmer.stem(word);
      if (cache.size > 20_000) cache.clear();
      cache.set(word, stem);
    }
    return stem;
  };
}
