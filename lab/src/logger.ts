import winston from 'winston';
import type { Writable } from 'node:stream';
import { activeTraceId } from '@driftlab/serving';
import { HumanTransport } from './console/human-transport';

/** Adds the active span's trace id, so a log line written while serving a request links to its trace. */
const traceIds = winston.format((info) => {
  if (info.traceId === undefined) {
    const traceId = activeTraceId();
    if (traceId) info.traceId = traceId;
  }
  return info;
});

/** How the lab writes its log: JSON lines for machines, or text for a person at a terminal. */
export const LOG_FORMATS = ['auto', 'json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The lab's logger on `stream`: JSON lines, or (`text`, and `auto` on a terminal) a start-up
 * summary and one status line for people. Never log tokens or full feature payloads at info level.
 */
export function createLogger(
  stream: Writable & { isTTY?: boolean },
  format: LogFormat = 'json',
  level = process.env.DRIFTLAB_LOG_LEVEL ?? 'info',
): winston.Logger {
  const text = format === 'text' || (format === 'auto' && stream.isTTY === true);
  return winston.createLogger({
    level,
    format: winston.format.combine(traceIds(), winston.format.timestamp(), winston.format.json()),
    transports: [text ? new HumanTransport(stream) : new winston.transports.Stream({ stream })],
  });
}
