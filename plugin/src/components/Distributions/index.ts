export { Distributions } from './Distributions';
