export { CellCard } from './CellCard';
