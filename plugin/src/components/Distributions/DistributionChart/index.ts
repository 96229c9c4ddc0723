export { DistributionChart } from './DistributionChart';
