export { BinTooltip } from './BinTooltip';
