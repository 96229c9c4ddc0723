export {
  actorName,
  actorOf,
  anyRole,
  FAILED_AUTH_PER_MINUTE,
  fromTutor,
  perMinute,
  principalOf,
  RECOVERY_PER_MINUTE,
  recoveryGuard,
  requireRole,
  teamOnly,
  tutorOnly,
  webhookOnly,
} from './middleware';
export {
  loadTokens,
  newToken,
  Tokens,
  tokensFile,
  tutorTokenNotice,
  type Principal,
  type StoredTokens,
} from './tokens';
