export { onPath, startLocalService, type LocalService, type LocalServiceSpec } from './local-service';
export {
  browserUrl,
  grafanaPassword,
  grafanaPasswordFile,
  startLocalStack,
  type LocalStack,
} from './local-stack';
