// Sliding windows over predictions and labelled predictions: bounded memory, O(1) push.
export type { LabelledEvent, PredictionEvent } from './events';
export { LabelledWindow, type LabelledColumns } from './labelled-window';
export { ModelWindows } from './model-windows';
export { PredictionWindow, type PredictionColumns } from './prediction-window';
export {
  DEFAULT_WINDOWS,
  MAX_WINDOW_CAPACITY,
  checkWindowSpec,
  windowCapacity,
  windowName,
  windowSpanMs,
  type CountWindowSpec,
  type TimeWindowSpec,
  type WindowSpec,
} from './spec';
