export { DistributionHeader } from './DistributionHeader';
