export * from './types';
export * from './errors';
export * from './catalogue';
export { countWords } from './schemaKit';
export { validateMeasureContent, validateSynonyms, compareLocales } from './schema';
export { loadMeasureContent, readMeasureContent, MEASURE_FOLDER, SYNONYMS_FILE } from './load';
export type { LoadedMeasureContent } from './load';
