// The built-in serving-fault and abuse scenarios through the real pipeline and the provisioned rules: npm run test:scenarios.
import { describeScenarios } from '../support/scenario-suite';

describeScenarios((s) => s.answer.kind === 'serving' || s.answer.kind === 'abuse');
