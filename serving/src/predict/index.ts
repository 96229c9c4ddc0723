export {
  predictStep,
  type PredictCall,
  type PredictionAnswer,
  type PredictStepOptions,
  type PredictStepResult,
} from './predict-step';
