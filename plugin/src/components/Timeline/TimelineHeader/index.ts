export { TimelineHeader } from './TimelineHeader';
export type { LegendItem } from './TimelineHeader';
