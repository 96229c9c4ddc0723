// The built-in covariate-drift and prior-shift scenarios through the real pipeline and the provisioned rules: npm run test:scenarios.
import { describeScenarios } from '../support/scenario-suite';

describeScenarios((s) => s.answer.kind === 'covariate' || s.answer.kind === 'prior');
