import type { Request, RequestHandler } from 'express';

/** Serving faults for one model, as scenarios declare them: settings, never incident names. */
export interface FaultSettings {
  /** Milliseconds added to every answer. */
  readonly addedLatencyMs: number;
  /** Share of requests failed with `failStatus`. */
  readonly errorRate: number;
  readonly failStatus: number;
  /** Every request answered 503. */
  readonly unavailable: boolean;
}

export const NO_FAULTS: FaultSettings = {
  addedLatencyMs: 0,
  errorRate: 0,
  failStatus: 500,
  unavailable: false,
};

/** A fault for one request, as the simulator drew it for that event. */
export interface RequestFault {
  readonly addedLatencyMs: number;
  /** HTTP status to fail with, or 0 for none. */
  readonly failStatus: number;
  readonly unavailable: boolean;
}

/**
 * The header a trusted sender (the lab's simulator in another process) puts a request's fault in,
 * as JSON; serving honours it only when its `requestFaults` option says the sender may.
 */
export const FAULT_HEADER = 'x-driftlab-fault';

export function faultToHeader(fault: RequestFault): string {
  return JSON.stringify({
    addedLatencyMs: fault.addedLatencyMs,
    failStatus: fault.failStatus,
    unavailable: fault.unavailable,
  });
}

/** The fault in a FAULT_HEADER value, or null when it is not one. */
export function faultFromHeader(value: string): RequestFault | null {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  const f = raw as Partial<RequestFault> | null;
  if (!f || typeof f !== 'object') return null;
  const fault = {
    addedLatencyMs: Number(f.addedLatencyMs),
    failStatus: Number(f.failStatus),
    unavailable: f.unavailable === true,
  };
  return checkRequestFault(fault) ? null : fault;
}

/** What is wrong with a request fault, or null. */
function checkRequestFault(fault: RequestFault): string | null {
  if (!(fault.addedLatencyMs >= 0 && fault.addedLatencyMs <= 60_000))
    return 'addedLatencyMs: expected a number from 0 to 60000';
  if (fault.failStatus !== 0 && !(fault.failStatus >= 500 && fault.failStatus <= 599))
    return 'failStatus: expected 0 or 500 to 599';
  return null;
}

/** Request faults waiting for their request; beyond this the oldest are forgotten (bounded memory). */
export const MAX_PENDING_REQUEST_FAULTS = 10_000;

/**
 * Carries out serving faults. The control side sets them per model (a tutor's command) or per
 * request id (the lab's simulator, which draws a fault for each event it sends: exact and
 * seeded); the prediction route consults them first. `random` is injectable so tests are exact.
 */
export class FaultInjector {
  private readonly settings = new Map<string, FaultSettings>();
  private readonly pending = new Map<string, RequestFault>();

  constructor(private readonly random: () => number = Math.random) {}

  set(model: string, settings: Partial<FaultSettings>): void {
    const merged = { ...NO_FAULTS, ...settings };
    if (!(merged.errorRate >= 0 && merged.errorRate <= 1))
      throw new RangeError('errorRate: expected a number from 0 to 1');
    if (!(merged.addedLatencyMs >= 0)) throw new RangeError('addedLatencyMs: expected a number >= 0');
    if (!(merged.failStatus >= 500 && merged.failStatus <= 599))
      throw new RangeError('failStatus: expected 500 to 599');
    this.settings.set(model, merged);
  }

  /** Arranges `fault` for the request that will arrive with X-Request-Id `requestId`. */
  expectRequest(requestId: string, fault: RequestFault): void {
    const problem = checkRequestFault(fault);
    if (problem) throw new RangeError(problem);
    if (this.pending.size >= MAX_PENDING_REQUEST_FAULTS)
      this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(requestId, fault);
  }

  /** Request faults arranged and not yet carried out. */
  get pendingRequests(): number {
    return this.pending.size;
  }

  clear(model?: string): void {
    if (model === undefined) this.settings.clear();
    else this.settings.delete(model);
  }

  /**
   * Middleware for routes whose `model` is resolved by `nameOf(req)`. `fromRequest` reads a fault a
   * trusted sender put on the request itself (FAULT_HEADER), when it may.
   */
  middleware(
    nameOf: (target: string) => string,
    fromRequest?: (req: Request) => RequestFault | undefined,
  ): RequestHandler {
    return (req, res, next) => {
      const requestId = this.pending.size > 0 ? req.get('x-request-id') : undefined;
      let forRequest = requestId !== undefined ? this.pending.get(requestId) : undefined;
      if (forRequest) this.pending.delete(requestId!);
      else forRequest = fromRequest?.(req);
      const settings = this.settings.get(nameOf(String(req.params.target ?? '')));
      if (!settings && !forRequest) return next();
      const unavailable = settings?.unavailable || forRequest?.unavailable;
      const failStatus =
        forRequest && forRequest.failStatus > 0
          ? forRequest.failStatus
          : settings && settings.errorRate > 0 && this.random() < settings.errorRate
            ? settings.failStatus
            : 0;
      const proceed = () => {
        if (unavailable) res.status(503).set('Retry-After', '30').json({ error: 'model unavailable' });
        else if (failStatus > 0) res.status(failStatus).json({ error: 'internal error' });
        else next();
      };
      const delay = (settings?.addedLatencyMs ?? 0) + (forRequest?.addedLatencyMs ?? 0);
      if (delay > 0) setTimeout(proceed, delay);
      else proceed();
    };
  }
}
