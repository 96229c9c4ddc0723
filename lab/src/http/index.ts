export { labRoutes, type LabControl } from './lab-routes';
export { controlRoutes, RATE_LIMITS, type ControlDeps } from './control-routes';
export { LAB_OPENAPI_PATHS, withLabPaths } from './openapi';
