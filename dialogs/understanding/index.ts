/**
 * dialogs/understanding: free text -> values, per locale ('it' | 'en'). Pure TypeScript with no Bot Framework
 * import, so dialogs, APIs and evaluation scripts share it. One module per recogniser.
 */
export type {
  CrisisKind,
  DateReading,
  EmploymentStatus,
  Gazetteer,
  Lang,
  PlaceMatch,
  PlaceOptions,
  PlaceReading,
  Province,
  UtteranceFacts,
  YesNoAnswer,
} from './types';
export { beforeHope, isOnlyYesNo, recognizeFactualYesNo, recognizeYesNo } from './yesNo';
export { createGazetteer, loadGazetteer } from './gazetteer';
export { recognizeNoWorkHistory, recognizeOwnStatus, recognizeStatus, type NoWorkHistory } from './status';
export { mentionsUnnamedIncomeSupport, recognizeCrisis, recognizeCrisisCues, recognizeRedundancies, type RedundancyAnswer } from './crisis';
export { recognizePastDate } from './dates';
export { extractFacts } from './facts';
export { normalize } from './normalize';
export { limitText, UNDERSTOOD_CHARS, type LimitedText } from './limit';
export { speaksForEmployer } from './employer';
