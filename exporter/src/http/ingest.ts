import express, { type ErrorRequestHandler, type Router } from 'express';
import { jsonBodyOptions } from '@driftlab/contracts';
import type { Exporter } from '../exporter';
import { batchFromWire, labelFromWire, WireError } from './wire';

const MAX_ITEMS = 10_000;

/**
 * The exporter's ingest routes, for serving and the simulator in other processes:
 *   POST /v1/events/predictions  {"batches": [WireBatch, …]}   → {"instances": n}
 *   POST /v1/events/labels       {"labels": [WireLabel, …]}     → {"joined", "duplicate", "unknown"}
 * A body is checked whole before anything is recorded, so a bad item never leaves half a batch; a bad
 * item is answered 400, naming the field. Bodies are parsed here, up to `bodyLimit`; the lab's host
 * answers the parser's refusals (malformed JSON, a body too large) as it does for every router.
 */
export function ingestRoutes(exporter: Exporter, bodyLimit = '10mb'): Router {
  const router = express.Router();
  router.use('/v1/events', express.json(jsonBodyOptions(bodyLimit)));

  router.post('/v1/events/predictions', (req, res) => {
    const body = req.body as { batches?: unknown } | undefined;
    const batches = body?.batches;
    if (!Array.isArray(batches) || batches.length > MAX_ITEMS)
      throw new WireError(`batches: expected a list of at most ${MAX_ITEMS} prediction batches`);
    const read = batches.map((b, i) => batchFromWire(b, `batches[${i}]`));
    let instances = 0;
    for (const batch of read) {
      exporter.observeBatch(batch);
      instances += batch.requestIds.length;
    }
    res.json({ instances });
  });

  router.post('/v1/events/labels', (req, res) => {
    const body = req.body as { labels?: unknown } | undefined;
    const labels = body?.labels;
    if (!Array.isArray(labels) || labels.length > MAX_ITEMS)
      throw new WireError(`labels: expected a list of at most ${MAX_ITEMS} labels`);
    const read = labels.map((l, i) => labelFromWire(l, `labels[${i}]`));
    const counts = { joined: 0, duplicate: 0, unknown: 0 };
    for (const label of read) counts[exporter.observeLabel(label)]++;
    res.json(counts);
  });

  const errors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof WireError) res.status(400).json({ error: err.message });
    else next(err);
  };
  router.use(errors);
  return router;
}
