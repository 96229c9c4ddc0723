export {
  DEFAULT_MAX_ROWS_PER_MODEL,
  LabelledLog,
  type LabelledLogOptions,
  type LabelOutcome,
  type LoggedLabel,
  type LoggedPrediction,
} from './labelled-log';
