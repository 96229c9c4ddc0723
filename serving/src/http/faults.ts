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

/**
 * Carries out serving faults. The control side (the lab, on a tutor's command) sets them per model;
 * the prediction route consults them first. `random` is injectable so tests are exact.
 */
export class FaultInjector {
  private readonly settings = new Map<string, FaultSettings>();

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

  clear(model?: string): void {
    if (model === undefined) this.settings.clear();
    else this.settings.delete(model);
  }

  /** Middleware for routes whose `model` is resolved by `nameOf(req)`. */
  middleware(nameOf: (target: string) => string): RequestHandler {
    return (req, res, next) => {
      const settings = this.settings.get(nameOf(String(req.params.target ?? '')));
      if (!settings) return next();
      const proceed = () => {
        if (settings.unavailable) {
          res.status(503).set('Retry-After', '30').json({ error: 'model unavailable' });
        } else if (settings.errorRate > 0 && this.random() < settings.errorRate) {
          res.status(settings.failStatus).json({ error: 'internal error' });
        } else next();
      };
      if (settings.addedLatencyMs > 0) setTimeout(proceed, settings.addedLatencyMs);
      else proceed();
    };
  }
}
