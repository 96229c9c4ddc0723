import type { RequestHandler } from 'express';

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
    if (!(fault.addedLatencyMs >= 0)) throw new RangeError('addedLatencyMs: expected a number >= 0');
    if (fault.failStatus !== 0 && !(fault.failStatus >= 500 && fault.failStatus <= 599))
      throw new RangeError('failStatus: expected 0 or 500 to 599');
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

  /** Middleware for routes whose `model` is resolved by `nameOf(req)`. */
  middleware(nameOf: (target: string) => string): RequestHandler {
    return (req, res, next) => {
      const requestId = this.pending.size > 0 ? req.get('x-request-id') : undefined;
      const forRequest = requestId !== undefined ? this.pending.get(requestId) : undefined;
      if (forRequest) this.pending.delete(requestId!);
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
