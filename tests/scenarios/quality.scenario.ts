// The built-in data-quality scenarios through the real pipeline and the provisioned rules: npm run test:scenarios.
import { describeScenarios } from '../support/scenario-suite';

describeScenarios((s) => s.answer.kind === 'quality');
