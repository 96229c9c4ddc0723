import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import express, { type Request, type Response } from 'express';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { jsonBodyOptions, type PredictionBatch } from '@driftlab/contracts';
import { EventClock } from './event-time';
import { FaultInjector, type RequestFault } from './faults';
import { ServingMetrics } from './metrics';
import { PREDICT_SPAN, tracer } from '../telemetry';
import { recoveryListings, recoveryVerbs, type RecoveryHooks } from './recovery-routes';
import type { Recovery } from '../recovery';
import { DEFAULT_INPUT_POLICY, type InputPolicy } from './input-policy';
import type { ModelCatalog } from './served-model';
import { predictStep, type PredictStepOptions } from '../predict';

export interface PredictionRoutesOptions {
  readonly catalog: ModelCatalog;
  readonly policy?: InputPolicy;
  /** Largest accepted request body (express/body-parser syntax), 1 MB by default. */
  readonly bodyLimit?: string;
  /** Largest number of instances in one request. */
  readonly maxInstances?: number;
  /** Where request metrics go; a fresh registry when not given. */
  readonly metrics?: ServingMetrics;
  /** Serving faults to carry out (set by the lab's control side). */
  readonly faults?: FaultInjector;
  /**
   * One JSON line per prediction request at winston's `http` level, below info so a running lab's
   * console is not flooded (DRIFTLAB_LOG_LEVEL=http shows them): ids, status, timing, never feature values.
   */
  readonly logger?: Logger;
  /** Recovery actions (versions, rollback, promote, retrain) over HTTP; absent, those routes are not served. */
  readonly recovery?: Recovery;
  /**
   * Faults a trusted sender put on a request (FAULT_HEADER): the lab's simulator in another
   * process, which proves itself with the tutor token. Without it the header is ignored.
   */
  readonly requestFaults?: (req: express.Request) => RequestFault | undefined;
  /**
   * Whether a request comes from a sender whose X-Event-Time is believed (the lab's simulator,
   * with the tutor token). Others' requests get serving's clock instead (EventClock). Absent, no
   * sender is.
   */
  readonly trustedSender?: (req: express.Request) => boolean;
  /** Who may run recovery actions, and who hears of them (the lab's tokens and record). */
  readonly recoveryHooks?: RecoveryHooks;
  /** Receives every answered request's predictions (the exporter's input); must not throw. */
  readonly onPredictions?: (batch: PredictionBatch) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An error answer: `{ error, … }` with the status. */
function fail(res: Response, status: number, error: string, extra: object = {}): void {
  res.status(status).json({ error, ...extra });
}

/**
 * The prediction API, in the TensorFlow Serving / KServe V1 REST protocol:
 * `POST /v1/models/{name}:predict` with `{"instances": [...]}`, `GET /v1/models/{name}`,
 * `/readyz`, and the recovery actions. A router: the lab hosts it beside the other components.
 */
export function predictionRoutes(options: PredictionRoutesOptions): express.Router {
  const { catalog } = options;
  const router = express.Router();
  // Bodies are parsed here, on this router's POST routes, with its own limit; the host answers
  // malformed or oversized bodies for every router alike.
  const json = express.json(jsonBodyOptions(options.bodyLimit ?? '1mb'));
  router.get('/readyz', (_req, res) => {
    const missing = catalog.names().filter((n) => !catalog.current(n));
    if (missing.length > 0) fail(res, 503, `no serving version for: ${missing.join(', ')}`);
    else res.json({ status: 'ready', models: catalog.names() });
  });
  // Express route syntax treats ':' as a parameter marker, so `name:verb` is split by hand.
  router.get('/v1/models/:target', (req, res) => {
    const name = req.params.target;
    const status = catalog.status(name);
    if (!status) return fail(res, 404, `no model named "${name}"; models: ${catalog.names().join(', ')}`);
    res.json({
      model_version_status: status.versions.map((v) => ({
        version: String(v),
        state: v === status.serving ? 'AVAILABLE' : 'END',
        status: { error_code: 'OK', error_message: '' },
      })),
    });
  });
  if (options.recovery) {
    const listings = recoveryListings(options.recovery);
    router.get('/v1/models/:name/versions', listings.versions);
    router.get('/v1/models/:name/deployments', listings.deployments);
    router.post(
      '/v1/models/:target',
      json,
      recoveryVerbs(options.recovery, splitTarget, options.logger, options.recoveryHooks),
    );
  }
  const metrics = options.metrics ?? new ServingMetrics();
  const faults = options.faults ?? new FaultInjector();
  router.post(
    '/v1/models/:target',
    json,
    timing(catalog, metrics, options.logger),
    faults.middleware((t) => splitTarget(t)[0], options.requestFaults),
    predictHandler(options, metrics),
  );
  return router;
}

function predictHandler(options: PredictionRoutesOptions, metrics: ServingMetrics): express.RequestHandler {
  const { catalog } = options;
  const step: PredictStepOptions = {
    policy: options.policy ?? DEFAULT_INPUT_POLICY,
    maxInstances: options.maxInstances ?? 1000,
    metrics,
  };
  // One clock per model: each model's windows follow the simulated time of its own traffic.
  const clocks = new Map<string, EventClock>();
  const clockOf = (name: string) => {
    let clock = clocks.get(name);
    if (!clock) {
      clock = new EventClock(options.trustedSender ?? (() => false), () =>
        metrics.eventTimesReplaced.inc({ model: name }),
      );
      clocks.set(name, clock);
    }
    return clock;
  };
  return (req: Request, res: Response) => {
    const [name, verb] = splitTarget(req.params.target as string);
    if (verb !== 'predict')
      return fail(
        res,
        404,
        `unknown verb "${verb}"; expected :predict${options.recovery ? ', :rollback, :promote or :retrain' : ''}`,
      );
    const model = catalog.current(name);
    if (!model) return fail(res, 404, `no model named "${name}"; models: ${catalog.names().join(', ')}`);
    const header = req.get('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.set('X-Request-Id', requestId);
    const time = clockOf(name).timeOf(req);
    if ('error' in time) return fail(res, 400, time.error);
    const result = predictStep(model, req.body, { requestId, time: time.time }, step);
    if (!result.ok)
      return fail(
        res,
        result.status,
        result.error,
        result.fields ? { request_id: requestId, fields: result.fields } : {},
      );
    options.onPredictions?.(result.batch);
    res.json({ predictions: result.answers });
  };
}

/** Times, counts and traces every answer, faults and errors included, by the version that served it. */
function timing(
  catalog: ModelCatalog,
  metrics: ServingMetrics,
  logger: Logger | undefined,
): express.RequestHandler {
  return (req, res, next) => {
    const model = catalog.current(splitTarget(String(req.params.target))[0]);
    if (!model) return next();
    const labels = { model: model.name, version: String(model.version) };
    const span = tracer().startSpan(PREDICT_SPAN, {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/v1/models/{name}:predict',
        'driftlab.model': model.name,
        'driftlab.model.version': model.version,
      },
    });
    const spanContext = span.spanContext();
    const traceId = trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
    if (traceId) res.set('X-Trace-Id', traceId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(labels, res.statusCode, seconds, traceId);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      logger?.http('prediction', {
        ...labels,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        requestId: res.get('X-Request-Id'),
        traceId,
      });
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

function splitTarget(target: string): [string, string] {
  const at = target.lastIndexOf(':');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)];
}
