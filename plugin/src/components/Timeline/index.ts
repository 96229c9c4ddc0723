export { Timeline } from './Timeline';
export type { LegendItem } from './Timeline';
