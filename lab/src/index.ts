// The lab's public surface: the command line, for tests and for embedding.
export { buildProgram, runCli } from './program';
export type { CliIo } from './io';
export { runLive, type LiveOptions } from './live';
export { metricsReference } from './metrics-reference';
export { createHost, listen, type HostOptions, type Listening } from './host';
export { startServing, type RunningServing, type StartServingOptions } from './start';
