export { RowLabels } from './RowLabels';
