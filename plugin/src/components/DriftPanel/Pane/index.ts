export { Pane } from './Pane';
