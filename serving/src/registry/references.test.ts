import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryReferences } from './references';
import { ModelRegistry } from './registry';
import type { VersionContents } from './types';

const CONTENTS: VersionContents = {
  artifact: { kind: 'logistic', weights: [1, 0.5], bias: 0.25 },
  trainingWindow: {
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-02T00:00:00.000Z',
    events: 1000,
    source: 'simulator',
  },
  metrics: { accuracy: 0.8 },
  featureSchema: { income: { type: 'number' } },
  profile: { income: { bins: [1, 2, 3] } },
};

describe('the registry as a reference source', () => {
  let root: string;
  let registry: ModelRegistry;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'references-'));
    registry = ModelRegistry.open(join(root, 'reg'));
  });
  afterEach(() => {
    registry.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers null for a version that does not exist yet, and finds it once it does (a miss is not remembered)', () => {
    const references = registryReferences(registry);
    expect(references.reference('credit', 1)).toBeNull();
    expect(references.reference('made-up', 9007199254740991)).toBeNull();
    const version = registry.addVersion('credit', CONTENTS);
    const found = references.reference('credit', version);
    expect(found?.schema).toEqual(CONTENTS.featureSchema);
    // Read once, then cached: the same object.
    expect(references.reference('credit', version)).toBe(found);
  });
});
