import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { jsonBodyOptions } from '@driftlab/contracts';
import { Refusal } from '../admission';
import type { Exporter } from '../exporter';
import { batchFromWire, labelFromWire, WireError } from './wire';

const MAX_ITEMS = 10_000;

export interface IngestRoutesOptions {
  /** Largest body (express/body-parser syntax), 10 MB by default. */
  readonly bodyLimit?: string;
  /** Runs first: who may send events at all (the lab passes its tutor-token check). */
  readonly guard?: RequestHandler;
}

/**
 * The exporter's ingest routes, for serving and the simulator in other processes:
 *   POST /v1/events/predictions  {"batches": [WireBatch, …]}   → {"instances": n}
 *   POST /v1/events/labels       {"labels": [WireLabel, …]}     → {"joined", "duplicate", "unknown"}
 * A body is checked whole before anything is recorded, so a bad item never leaves half a batch: first
 * its form (wire.ts), then against what the exporter knows and its bounds (admission.ts: a known
 * model version, rows as its schema, a plausible time, bounded work). A bad item is answered 400,
 * naming the field; a refusal also names its `reason` and is counted. Bodies are parsed here, up to
 * `bodyLimit`; the lab's host answers the parser's refusals (malformed JSON, a body too large) as
 * it does for every router.
 */
export function ingestRoutes(exporter: Exporter, options: IngestRoutesOptions = {}): Router {
  const router = express.Router();
  // Who may send events (the lab's serving and simulator, with the tutor token), before any body is read.
  if (options.guard) router.use('/v1/events', options.guard);
  router.use('/v1/events', express.json(jsonBodyOptions(options.bodyLimit ?? '10mb')));

  router.post('/v1/events/predictions', (req, res) => {
    const body = req.body as { batches?: unknown } | undefined;
    const batches = body?.batches;
    if (!Array.isArray(batches) || batches.length > MAX_ITEMS)
      throw new WireError(`batches: expected a list of at most ${MAX_ITEMS} prediction batches`);
    const read = batches.map((b, i) => batchFromWire(b, `batches[${i}]`));
    res.json({ instances: exporter.ingestBatches(read) });
  });

  router.post('/v1/events/labels', (req, res) => {
    const body = req.body as { labels?: unknown } | undefined;
    const labels = body?.labels;
    if (!Array.isArray(labels) || labels.length > MAX_ITEMS)
      throw new WireError(`labels: expected a list of at most ${MAX_ITEMS} labels`);
    const read = labels.map((l, i) => labelFromWire(l, `labels[${i}]`));
    res.json(exporter.ingestLabels(read));
  });

  const errors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof Refusal) res.status(400).json({ error: err.message, reason: err.reason });
    else if (err instanceof WireError) res.status(400).json({ error: err.message });
    else next(err);
  };
  router.use(errors);
  return router;
}
