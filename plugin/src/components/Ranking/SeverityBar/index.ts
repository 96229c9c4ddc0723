export { SeverityBar } from './SeverityBar';
