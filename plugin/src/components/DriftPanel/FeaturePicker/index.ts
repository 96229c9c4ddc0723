export { FeaturePicker, PICKER_HEIGHT } from './FeaturePicker';
