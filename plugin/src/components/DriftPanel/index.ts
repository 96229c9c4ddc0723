export { DriftPanel } from './DriftPanel';
