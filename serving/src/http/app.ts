import type { PredictionBatch } from '@driftlab/contracts';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import { Registry, type OpenMetricsContentType } from 'prom-client';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { FaultInjector, type RequestFault } from './faults';
import { jsonBodyErrors } from './json-body-errors';
import { ServingMetrics } from './metrics';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { PREDICT_SPAN, tracer } from '../telemetry';
import { renderMetrics } from './exposition';
import { OPENAPI } from './openapi';
import { recoveryListings, recoveryVerbs, type RecoveryHooks } from './recovery-routes';
import type { Recovery } from '../recovery';
import { DEFAULT_INPUT_POLICY, type InputPolicy, type Schema } from './input-policy';
import type { ModelCatalog } from './served-model';
import { validateInstances } from './validate-instances';

export interface PredictionAppOptions {
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
  /** The document /openapi.json serves (default OPENAPI; the lab adds its control routes). */
  readonly openapi?: object;
  /** Who may run recovery actions, and who hears of them (the lab's tokens and record). */
  readonly recoveryHooks?: RecoveryHooks;
  /** Receives every answered request's predictions (the exporter's input); must not throw. */
  readonly onPredictions?: (batch: PredictionBatch) => void;
  /** Other OpenMetrics registries served on the same /metrics (the exporter's, in one process). */
  readonly extraRegistries?: readonly Registry<OpenMetricsContentType>[];
  /** Adds other components' routes to this app, before its catch-all 404. */
  readonly mount?: (app: express.Express) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An error answer: `{ error, … }` with the status. */
function fail(res: Response, status: number, error: string, extra: object = {}): void {
  res.status(status).json({ error, ...extra });
}

/**
 * The prediction API, in the TensorFlow Serving / KServe V1 REST protocol:
 * `POST /v1/models/{name}:predict` with `{"instances": [...]}`, `GET /v1/models/{name}`,
 * plus `/healthz` and `/readyz`.
 */
export function createPredictionApp(options: PredictionAppOptions): express.Express {
  const { catalog } = options;
  const policy = options.policy ?? DEFAULT_INPUT_POLICY;
  const maxInstances = options.maxInstances ?? 1000;
  const metrics = options.metrics ?? new ServingMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: options.bodyLimit ?? '1mb' }));

  app.get('/openapi.json', (_req, res) => {
    res.json(options.openapi ?? OPENAPI);
  });

  // prom-client's merge keeps the content type but is typed for the classic format only.
  const exposed = options.extraRegistries?.length
    ? (Registry.merge([
        metrics.registry,
        ...options.extraRegistries,
      ] as unknown as Registry[]) as unknown as Registry<OpenMetricsContentType>)
    : metrics.registry;
  app.get('/metrics', async (req, res) => {
    const { contentType, body } = await renderMetrics(exposed, req.get('accept'));
    res.set('Content-Type', contentType).send(body);
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const missing = catalog.names().filter((n) => !catalog.current(n));
    if (missing.length > 0) fail(res, 503, `no serving version for: ${missing.join(', ')}`);
    else res.json({ status: 'ready', models: catalog.names() });
  });

  // Express route syntax treats ':' as a parameter marker, so `name:verb` is split by hand.
  app.get('/v1/models/:target', (req, res) => {
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
    app.get('/v1/models/:name/versions', listings.versions);
    app.get('/v1/models/:name/deployments', listings.deployments);
    app.post(
      '/v1/models/:target',
      recoveryVerbs(options.recovery, splitTarget, options.logger, options.recoveryHooks),
    );
  }

  const faults = options.faults ?? new FaultInjector();
  const timing: express.RequestHandler = (req, res, next) => {
    // Time, count and trace every answer, faults and errors included, by the version that served it.
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
      options.logger?.http('prediction', {
        ...labels,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        requestId: res.get('X-Request-Id'),
        traceId,
      });
    });
    context.with(trace.setSpan(context.active(), span), next);
  };

  app.post(
    '/v1/models/:target',
    timing,
    faults.middleware((t) => splitTarget(t)[0], options.requestFaults),
    (req: Request, res: Response) => {
      const [name, verb] = splitTarget(req.params.target as string);
      if (verb !== 'predict')
        return fail(
          res,
          404,
          `unknown verb "${verb}"; expected :predict${options.recovery ? ', :rollback, :promote or :retrain' : ''}`,
        );
      const model = catalog.current(name);
      if (!model) return fail(res, 404, `no model named "${name}"; models: ${catalog.names().join(', ')}`);
      const labels = { model: model.name, version: String(model.version) };
      const body = req.body as unknown;
      if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
        return fail(
          res,
          400,
          'expected a JSON object {"instances": [...]} with Content-Type: application/json',
        );
      const instances = (body as { instances?: unknown }).instances;
      if (!Array.isArray(instances) || instances.length === 0)
        return fail(res, 400, 'field "instances": expected a non-empty list of objects');
      if (instances.length > maxInstances)
        return fail(
          res,
          413,
          `field "instances": at most ${maxInstances} per request, got ${instances.length}`,
        );
      const header = req.get('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      res.set('X-Request-Id', requestId);
      const batch = validateInstances(instances, model.schema, policy, model.imputation);
      if (batch.faults.size > 0) metrics.countFaults(model.name, featureNames(model.schema), batch.faults);
      if (batch.errors.length > 0)
        return fail(res, 400, 'invalid instances', { request_id: requestId, fields: batch.errors });
      const version = String(model.version);
      const ids: string[] = [];
      const values: number[] = [];
      const scores: number[] = [];
      const predictions = batch.rows.map((row, i) => {
        const p = model.predict(row!);
        const id = instances.length === 1 ? requestId : `${requestId}-${i}`;
        ids.push(id);
        values.push(p.value);
        scores.push(p.score);
        return model.task === 'classification'
          ? { class: p.value, probability: p.score, model_version: version, request_id: id }
          : { value: p.value, model_version: version, request_id: id };
      });
      metrics.predictions.inc(labels, predictions.length);
      options.onPredictions?.({
        model: model.name,
        version: model.version,
        task: model.task,
        time: eventTime(req.get('x-event-time')),
        requestIds: ids,
        instances,
        observed: batch.observed,
        faultBits: batch.faultBits,
        unknownFields: batch.unknownFields,
        predictions: values,
        scores,
      });
      res.json({ predictions });
    },
  );

  options.mount?.(app);
  app.use((_req, res) => fail(res, 404, 'no such route; see /openapi.json'));
  app.use(jsonBodyErrors);
  app.use(clientErrors);
  app.use(internalErrors);
  return app;
}

const namesBySchema = new WeakMap<Schema, ReadonlySet<string>>();

/** A schema's feature names, computed once per loaded model version rather than per request. */
function featureNames(schema: Schema): ReadonlySet<string> {
  let names = namesBySchema.get(schema);
  if (!names) namesBySchema.set(schema, (names = new Set(schema.map((f) => f.name))));
  return names;
}

/** X-Event-Time as epoch ms or an ISO-8601 time; the wall clock when absent or unreadable. */
function eventTime(header: string | undefined): number {
  if (header) {
    const t = /^\d+(\.\d+)?$/.test(header) ? Number(header) : Date.parse(header);
    if (Number.isFinite(t)) return t;
  }
  return Date.now();
}

function splitTarget(target: string): [string, string] {
  const at = target.lastIndexOf(':');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)];
}

/** Body-parser failures become clear 400/413 answers instead of HTML stack traces. */
/** Other 4xx errors express raised (after jsonBodyErrors): answered with their status. */
const clientErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as { status?: number; message?: string };
  if (e.status && e.status >= 400 && e.status < 500) return fail(res, e.status, e.message ?? 'bad request');
  next(err);
};

/** Anything else is our fault: a 500 without internals (the error itself goes to the log). */
const internalErrors: ErrorRequestHandler = (_err, _req, res, _next) => {
  fail(res, 500, 'internal error');
};
