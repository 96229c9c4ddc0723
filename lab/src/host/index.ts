export { createHost, type HostOptions } from './host';
export { listen, type Listening } from './listen';
export { openapiFor } from './documents';
export { pageRoutes, PAGE_PATHS } from './pages';
export { servingForward } from './serving-forward';
