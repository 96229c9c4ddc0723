export { openControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane';
export { tutorSentFaults } from './remote-faults';
