/** Numbers as label values: shortest round trip, so "0.05" stays "0.05". */
export function num(x: number): string {
  return String(x);
}

/** A numeric bin's interval, closed on the right like pandas.cut: "(-inf, 12.5]" … "(88, +inf)". */
export function binLabel(edges: readonly number[], k: number): string {
  const lo = k === 0 ? '-inf' : num(edges[k - 1]);
  const hi = k === edges.length ? '+inf)' : `${num(edges[k])}]`;
  return `(${lo}, ${hi}`;
}

/** Significant digits of a published bin edge, at least (more when edges would merge). */
export const BIN_EDGE_DIGITS = 6;

/**
 * The labels of a numeric column's bins as published: binLabel's intervals with every edge to
 * BIN_EDGE_DIGITS significant digits (C's %g), or to as many as keep distinct edges distinct:
 * "(-0.253347, 0.00123457]" rather than "(-0.2533471014380455, 0.001234567890123]". An edge
 * repeated (a tied decile) bounds an empty interval, (e, e], which no value can fall in: such
 * bins get null (not published: both shares are 0 by construction, and their labels repeat).
 */
export function binLabels(edges: readonly number[]): (string | null)[] {
  let digits = BIN_EDGE_DIGITS;
  const round = (x: number) => Number(x.toPrecision(digits));
  for (; digits < 17; digits++) {
    let merged = false;
    for (let k = 1; k < edges.length && !merged; k++)
      merged = edges[k] !== edges[k - 1] && round(edges[k]) === round(edges[k - 1]);
    if (!merged) break;
  }
  const text = edges.map((e) => (Number.isFinite(e) ? String(round(e)) : num(e)));
  const labels: (string | null)[] = [];
  for (let k = 0; k <= edges.length; k++) {
    if (k > 0 && k < edges.length && edges[k] === edges[k - 1]) labels.push(null);
    else labels.push(`(${k === 0 ? '-inf' : text[k - 1]}, ${k === edges.length ? '+inf)' : `${text[k]}]`}`);
  }
  return labels;
}
