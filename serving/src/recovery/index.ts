// Recovery actions students practise: retrain from the labelled log, promote with gates, roll back.
export { RecoveryError } from './errors';
export { MAX_RETRAIN_EVENTS, retrainFromLog, type RetrainOptions, type RetrainResult } from './retrain';
export { Recovery, type VersionSummary } from './recovery';
