export { labRoutes, type LabControl } from './lab-routes';
export { controlRoutes, type ControlDeps } from './control-routes';
export { RATE_LIMITS } from './access';
export { LAB_OPENAPI_PATHS, withLabPaths } from './openapi';
