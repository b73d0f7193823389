import { Locale } from '../content';
import { LANGUAGE_TABLE } from '../languages';
import { albanianLightStem, arabicLightStem, Stemmer, ukrainianLightStem } from './lightStemmers';

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

/** The languages without a Snowball algorithm in models/languages.ts, and their light stemmers (lightStemmers.ts). */
const LIGHT_STEMMERS: Readonly<Partial<Record<Locale, Stemmer>>> = { ar: arabicLightStem, uk: ukrainianLightStem, sq: albanianLightStem };

/**
 * A stemmer for the locale: Snowball's (models/languages.ts names the algorithm), or a light stemmer where it has
 * none (Arabic, Ukrainian, Albanian), with a small cache (the same words come back often). Input must already be
 * lowercase and accent-folded.
 */
export function createStemmer(locale: Locale): (word: string) => string {
  const algorithm = LANGUAGE_TABLE[locale].snowball;
  const light = LIGHT_STEMMERS[locale];
  if (algorithm === null && light === undefined) throw new Error(`no stemmer for ${locale}`);
  const stemmer: SnowballStemmer = algorithm === null && light !== undefined ? { stem: light } : snowball().newStemmer(algorithm ?? '');
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
