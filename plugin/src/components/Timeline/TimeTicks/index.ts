export { TimeTicks } from './TimeTicks';
