export {
  DEFAULT_MAX_ROWS_PER_MODEL,
  LabelledLog,
  type LabelledLogOptions,
  type LabelCounts,
} from './labelled-log';
