import type { Request } from 'express';
import { FAULT_HEADER, faultFromHeader, type RequestFault } from '@driftlab/serving';
import type { Tokens } from '../auth';

/**
 * For serving alone: honour a request's own fault (FAULT_HEADER) only when it carries the tutor
 * token, i.e. comes from the lab's simulator. Anyone else's header is ignored.
 */
export function tutorSentFaults(tokens: Tokens): (req: Request) => RequestFault | undefined {
  return (req) => {
    const header = req.get(FAULT_HEADER);
    if (!header) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!m || tokens.identify(m[1])?.role !== 'tutor') return undefined;
    return faultFromHeader(header) ?? undefined;
  };
}
