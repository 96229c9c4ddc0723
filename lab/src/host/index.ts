export { createHost, type HostOptions } from './host';
export { listen, type Listening } from './listen';
export { openapiFor } from './documents';
