import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsReference } from '../lab/src/metrics-reference';

describe('docs/metrics.md', () => {
  it('is the reference generated from the registries (run npm run docs:metrics when this fails)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'metrics.md'), 'utf8')).toBe(metricsReference());
  });

  it('lists every family with the driftlab_ prefix', () => {
    const names = [...metricsReference().matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(name).toMatch(/^driftlab_[a-z0-9_]+$/);
    expect(new Set(names).size).toBe(names.length);
  });
});
