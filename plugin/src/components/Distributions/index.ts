export { Distributions } from './Distributions';
export type { DistributionsProps } from './Distributions';
