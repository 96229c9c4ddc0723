import winston from 'winston';
import type { Writable } from 'node:stream';

/** JSON lines on the given stream. Never log tokens or full feature payloads at info level. */
export function createLogger(
  stream: Writable,
  level = process.env.DRIFTLAB_LOG_LEVEL ?? 'info',
): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  });
}
