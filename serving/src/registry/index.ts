// The registry's public surface; everything else in this folder is internal.
export { MAX_REASON_LENGTH, ModelRegistry } from './registry';
export { registryReferences, storedReference } from './references';
export { RegistryError, type RegistryErrorCode } from './errors';
export type {
  Deployment,
  FileDigest,
  GateResults,
  ModelVersion,
  OpenOptions,
  UnreadableVersion,
  VersionContents,
  VersionInfo,
  VersionListing,
  VersionStatus,
} from './types';
