import { writeGeneratedFiles } from './files';

// `npm run provisioning`: rewrites the generated dashboards and rule files.
for (const path of writeGeneratedFiles()) console.log(`wrote provisioning/${path}`);
