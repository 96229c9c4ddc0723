export { COMPONENTS, runLab, type Component, type LabPlan } from './run-lab';
export { startServing, type RunningServing, type StartServingOptions } from './serving';
