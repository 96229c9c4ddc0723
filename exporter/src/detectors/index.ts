// Online change detectors on a model's error stream.
export { Adwin, ADWIN_DEFAULTS, adwinCutThreshold, type AdwinOptions } from './adwin';
export type { DetectorMethod, DriftDetector } from './detector';
export {
  PageHinkley,
  PAGE_HINKLEY_DEFAULTS,
  PAGE_HINKLEY_FOR_ERROR_RATES,
  type PageHinkleyOptions,
} from './page-hinkley';
