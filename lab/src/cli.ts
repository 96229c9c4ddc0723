import { runCli } from './program';

// The `driftlab` executable (see bin/driftlab.js).
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
