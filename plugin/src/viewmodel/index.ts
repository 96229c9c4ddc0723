// The frame → view-model transforms: pure functions of the query results and the options.
export * from './bins';
export * from './colors';
export * from './distributions';
export * from './frames';
export * from './issues';
export * from './panelState';
export * from './ranking';
export * from './severity';
export * from './timeline';
export * from './format';
