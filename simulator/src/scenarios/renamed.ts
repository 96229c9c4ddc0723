import type { Scenario } from './types';

/** The new names a scenario's rename-field steps send for `world`'s features (CSV needs them up front). */
export function renamedFields(scenario: Scenario | undefined, world: string): string[] {
  return (scenario?.timeline ?? [])
    .filter((s) => s.injector === 'rename-field' && s.target.world === world)
    .map((s) => String(s.params.to));
}
