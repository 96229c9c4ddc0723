import { Counter, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import { openMetricsToText, renderMetrics, wantsOpenMetrics } from './exposition';

function registryWithExemplars(): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const requests = new Counter({
    name: 'demo_requests_total',
    help: 'Requests.',
    labelNames: ['path'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'demo_duration_seconds',
    help: 'Latency.',
    labelNames: ['path'],
    buckets: [0.1, 1],
    enableExemplars: true,
    registers: [registry],
  });
  requests.inc({ path: 'tricky " # {x} \\ value' });
  latency.observe({ labels: { path: '/a' }, value: 0.05, exemplarLabels: { trace_id: 'abc123' } as never });
  return registry;
}

describe('metrics exposition', () => {
  it('asks for OpenMetrics only when the Accept header lists it', () => {
    expect(
      wantsOpenMetrics('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'),
    ).toBe(true);
    expect(wantsOpenMetrics('*/*')).toBe(false);
    expect(wantsOpenMetrics(undefined)).toBe(false);
  });

  it('gives Prometheus OpenMetrics with the exemplar and # EOF', async () => {
    const { contentType, body } = await renderMetrics(
      registryWithExemplars(),
      'application/openmetrics-text',
    );
    expect(contentType).toMatch(/^application\/openmetrics-text; version=1.0.0/);
    expect(body).toMatch(
      /^demo_duration_seconds_bucket\{le="0.1",path="\/a"\} 1 # \{trace_id="abc123"\} 0.05 \d+(\.\d+)?$/m,
    );
    expect(body).toMatch(/^# TYPE demo_requests counter$/m);
    expect(body.endsWith('# EOF\n')).toBe(true);
  });

  it('gives everyone else the text format: _total family names, no exemplars, no # EOF', async () => {
    const { contentType, body } = await renderMetrics(registryWithExemplars(), '*/*');
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(body).toMatch(/^# HELP demo_requests_total Requests\.$/m);
    expect(body).toMatch(/^# TYPE demo_requests_total counter$/m);
    expect(body).toMatch(/^demo_duration_seconds_bucket\{le="0.1",path="\/a"\} 1$/m);
    // A label value that looks like an exemplar is kept whole.
    expect(body).toContain('demo_requests_total{path="tricky \\" # {x} \\\\ value"} 1');
    expect(body).not.toMatch(/# EOF|trace_id/);
  });

  it('drops # UNIT lines and leaves non-counter families alone', () => {
    const om = [
      '# HELP x_seconds T.',
      '# TYPE x_seconds gauge',
      '# UNIT x_seconds seconds',
      'x_seconds 1',
      '# EOF',
      '',
    ].join('\n');
    expect(openMetricsToText(om)).toBe(
      ['# HELP x_seconds T.', '# TYPE x_seconds gauge', 'x_seconds 1', ''].join('\n'),
    );
  });
});
