export { openControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane';
