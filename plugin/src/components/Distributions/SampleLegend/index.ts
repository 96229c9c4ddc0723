export { SampleLegend } from './SampleLegend';
