export * from './types';
export { WORLDS, getWorld, worldNames } from './registry';
