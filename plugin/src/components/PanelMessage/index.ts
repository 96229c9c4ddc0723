export { PanelMessage, PanelErrorBoundary } from './PanelMessage';
