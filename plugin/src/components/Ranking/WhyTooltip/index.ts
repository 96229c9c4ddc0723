export { WhyTooltip } from './WhyTooltip';
