export { CellCanvas } from './CellCanvas';
