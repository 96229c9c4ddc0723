import type { RequestHandler } from 'express';
import { Registry, type OpenMetricsContentType } from 'prom-client';

/*
 * /metrics in two formats from one OpenMetrics registry. Prometheus asks for OpenMetrics (its
 * Accept header lists application/openmetrics-text) and gets exemplars; anything else (curl,
 * `promtool check metrics`, an older scraper) gets the classic text format 0.0.4, which has no
 * exemplars. prom-client renders one format per registry, so the text form is derived from the
 * OpenMetrics one: the two differ only in counter family names, exemplars, # UNIT and # EOF.
 */

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept !== undefined && /application\/openmetrics-text/i.test(accept);
}

/** The exposition of `registry` (an OpenMetrics registry) in the format `accept` asks for. */
export async function renderMetrics(
  registry: Registry<OpenMetricsContentType>,
  accept: string | undefined,
): Promise<{ contentType: string; body: string }> {
  const openMetrics = await registry.metrics();
  return wantsOpenMetrics(accept)
    ? { contentType: OPENMETRICS_CONTENT_TYPE, body: openMetrics }
    : { contentType: TEXT_CONTENT_TYPE, body: openMetricsToText(openMetrics) };
}

/**
 * OpenMetrics text → Prometheus text 0.0.4: counter families take their samples' `_total` name,
 * exemplars (` # {…} value timestamp` after a sample) and the # UNIT / # EOF lines go.
 */
export function openMetricsToText(openMetrics: string): string {
  const lines = openMetrics.split('\n');
  const counters = new Set<string>();
  for (const line of lines) {
    const m = /^# TYPE (\S+) counter$/.exec(line);
    if (m) counters.add(m[1]);
  }
  const out: string[] = [];
  for (const line of lines) {
    if (line === '# EOF' || line.startsWith('# UNIT ')) continue;
    const meta = /^# (HELP|TYPE) (\S+)(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      out.push(`# ${kind} ${counters.has(name) ? `${name}_total` : name}${rest}`);
      continue;
    }
    out.push(stripExemplar(line));
  }
  return out.join('\n');
}

/** A sample line without its exemplar; label values may hold " # {", so quotes are tracked. */
function stripExemplar(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ' ' && line.startsWith(' # {', i)) return line.slice(0, i);
  }
  return line;
}

/**
 * GET /metrics over several OpenMetrics registries (serving's, the exporter's, the lab's in one
 * process): the one handler every host serves, in the format the scraper asks for.
 */
export function metricsHandler(registries: readonly Registry<OpenMetricsContentType>[]): RequestHandler {
  // prom-client's merge keeps the content type but is typed for the classic format only.
  const exposed =
    registries.length === 1
      ? registries[0]
      : (Registry.merge(registries as unknown as Registry[]) as unknown as Registry<OpenMetricsContentType>);
  return async (req, res) => {
    const { contentType, body } = await renderMetrics(exposed, req.get('accept'));
    res.set('Content-Type', contentType).send(body);
  };
}
