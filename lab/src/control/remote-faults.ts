import type { Request } from 'express';
import { FAULT_HEADER, faultFromHeader, type RequestFault } from '@driftlab/serving';
import { fromTutor, type Tokens } from '../auth';

/**
 * For serving alone: honour a request's own fault (FAULT_HEADER) only when it carries the tutor
 * token, i.e. comes from the lab's simulator. Anyone else's header is ignored.
 */
export function tutorSentFaults(tokens: Tokens): (req: Request) => RequestFault | undefined {
  const trusted = fromTutor(tokens);
  return (req) => {
    const header = req.get(FAULT_HEADER);
    if (!header || !trusted(req)) return undefined;
    return faultFromHeader(header) ?? undefined;
  };
}
