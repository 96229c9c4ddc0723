import type { ModelArtifact } from './models';
import type { ModelCatalog, ServedModel } from './http/served-model';
import { toServedModel } from './http/served';
import { storedReference, type ModelRegistry } from './registry';

/**
 * The models serving answers with, read from the registry. Loaded versions are kept, so a
 * rollback is instant; `refresh` picks up promotions and rollbacks made through the registry.
 */
export class RegistryCatalog implements ModelCatalog {
  private readonly loaded = new Map<string, ServedModel>();
  private serving = new Map<string, number>();

  constructor(private readonly registry: ModelRegistry) {
    this.refresh();
  }

  /** Re-reads which version serves each model. */
  refresh(): void {
    const serving = new Map<string, number>();
    for (const model of this.registry.models()) {
      const current = this.registry.current(model);
      if (current) serving.set(model, current.version);
    }
    this.serving = serving;
  }

  current(name: string): ServedModel | undefined {
    const version = this.serving.get(name);
    if (version === undefined) return undefined;
    const key = `${name}@${version}`;
    let model = this.loaded.get(key);
    if (!model) {
      const stored = this.registry.version(name, version);
      const { schema, profile } = storedReference(stored);
      model = toServedModel(name, version, { artifact: stored.artifact() as ModelArtifact, schema, profile });
      this.loaded.set(key, model);
    }
    return model;
  }

  status(name: string): { versions: readonly number[]; serving: number | null } | undefined {
    if (!this.registry.models().includes(name)) return undefined;
    return {
      versions: this.registry.versions(name).map((v) => v.version),
      serving: this.serving.get(name) ?? null,
    };
  }

  names(): readonly string[] {
    return this.registry.models();
  }
}
