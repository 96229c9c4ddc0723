export {
  actorName,
  actorOf,
  anyRole,
  perMinute,
  principalOf,
  RECOVERY_PER_MINUTE,
  recoveryGuard,
  requireRole,
  teamOnly,
  tutorOnly,
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
