export { onPath, startLocalService, type LocalService, type LocalServiceSpec } from './local-service';
export { grafanaPassword, grafanaPasswordFile, startLocalStack, type LocalStack } from './local-stack';
