import winston from 'winston';
import type { Writable } from 'node:stream';
import { activeTraceId } from '@driftlab/serving';

/** Adds the active span's trace id, so a log line written while serving a request links to its trace. */
const traceIds = winston.format((info) => {
  if (info.traceId === undefined) {
    const traceId = activeTraceId();
    if (traceId) info.traceId = traceId;
  }
  return info;
});

/** JSON lines on the given stream. Never log tokens or full feature payloads at info level. */
export function createLogger(
  stream: Writable,
  level = process.env.DRIFTLAB_LOG_LEVEL ?? 'info',
): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(traceIds(), winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream })],
  });
}
