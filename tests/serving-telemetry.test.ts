import { Writable } from 'node:stream';
import request from 'supertest';
import winston from 'winston';
import { tracing } from '@opentelemetry/sdk-node';
import { getWorld } from '@driftlab/simulator';
import { APPLICANT } from '../serving/src/testing/fixtures';
import {
  type ModelCatalog,
  PREDICT_SPAN,
  ServingMetrics,
  startTelemetry,
  type Telemetry,
  toServedModel,
  trainModel,
} from '@driftlab/serving';
import { hostedServing } from './support/serving-host';

const credit = toServedModel(
  'credit',
  2,
  trainModel(getWorld('credit')!, { seed: 1, trainSize: 2000, holdoutSize: 500 }),
);
const catalog: ModelCatalog = {
  current: (name) => (name === 'credit' ? credit : undefined),
  status: (name) => (name === 'credit' ? { versions: [2], serving: 2 } : undefined),
  names: () => ['credit'],
};

describe('tracing of prediction requests', () => {
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('records a span per request whose trace id is in the answer, the exemplar and the access log', async () => {
    const spans = new tracing.InMemorySpanExporter();
    telemetry = startTelemetry({
      serviceName: 'test',
      env: {},
      spanProcessors: [new tracing.SimpleSpanProcessor(spans)],
    });
    expect(telemetry.endpoint).toBeNull();
    const lines: string[] = [];
    const logger = winston.createLogger({
      level: 'http',
      format: winston.format.json(),
      transports: [
        new winston.transports.Stream({
          stream: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
        }),
      ],
    });
    const metrics = new ServingMetrics();
    const app = hostedServing({ catalog, metrics, logger });
    const res = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [APPLICANT] })
      .expect(200);
    const traceId = res.headers['x-trace-id'];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));

    const [span] = spans.getFinishedSpans();
    expect(span.name).toBe(PREDICT_SPAN);
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.attributes).toMatchObject({
      'driftlab.model': 'credit',
      'driftlab.model.version': 2,
      'http.response.status_code': 200,
    });

    const exposition = await request(app)
      .get('/metrics')
      .set('Accept', 'application/openmetrics-text; version=1.0.0')
      .expect(200);
    expect(exposition.text).toMatch(
      new RegExp(
        `^driftlab_prediction_duration_seconds_bucket\\{le="[^"]+",model="credit",version="2"\\} 1 # \\{trace_id="${traceId}"\\}`,
        'm',
      ),
    );
    const access = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'prediction');
    expect(access).toMatchObject({ level: 'http', model: 'credit', status: 200, traceId });
    // Feature values never reach the log.
    expect(lines.join('')).not.toContain(String(APPLICANT.annual_income));
  });

  it('marks server errors on the span', async () => {
    const spans = new tracing.InMemorySpanExporter();
    telemetry = startTelemetry({
      serviceName: 'test',
      env: {},
      spanProcessors: [new tracing.SimpleSpanProcessor(spans)],
    });
    const { FaultInjector } = await import('@driftlab/serving');
    const faults = new FaultInjector();
    faults.set('credit', { unavailable: true });
    await request(hostedServing({ catalog, faults }))
      .post('/v1/models/credit:predict')
      .send({ instances: [APPLICANT] })
      .expect(503);
    const [span] = spans.getFinishedSpans();
    expect(span.attributes['http.response.status_code']).toBe(503);
    expect(span.status.code).toBe(2); // SpanStatusCode.ERROR
  });
  // Export over OTLP/HTTP is tested with the built lab in tests/otlp-export.test.ts: the OTLP
  // exporter loads node:http with a dynamic import(), which jest's module sandbox cannot run.
});
