export { createFaqAnswerer, IndexedFaqAnswerer } from './answerer';
export type { FaqAnswerer, FaqAnswererOptions, FaqExplanation, FaqMatch, FaqResult } from './answerer';
export { TextAnalyzer, foldText, isConcept } from './analyzer';
export type { AnalyzedTerm, TermKind } from './analyzer';
