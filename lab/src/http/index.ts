export { createLabApp, labRoutes, type LabControl } from './lab-routes';
