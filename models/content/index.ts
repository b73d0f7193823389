export * from './types';
export * from './errors';
export * from './catalogue';
export { countWords, validateMeasureContent, validateSynonyms, compareLocales } from './validate';
export { loadMeasureContent, readMeasureContent, MEASURE_FOLDER, SYNONYMS_FILE } from './load';
export type { LoadedMeasureContent } from './load';
