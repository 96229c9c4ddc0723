/** Joins label values into one map key; the unit separator cannot appear in a Prometheus label value. */
const SEP = '\u001f';

export function joinKey(...parts: string[]): string {
  return parts.join(SEP);
}

export function splitKey(key: string): string[] {
  return key.split(SEP);
}

export function featureKey(model: string, feature: string): string {
  return joinKey(model, feature);
}
