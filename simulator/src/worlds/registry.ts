import type { World } from './types';
import { credit } from './credit';
import { fraud } from './fraud';
import { delivery } from './delivery';
import { sea } from './classic/sea';
import { stagger } from './classic/stagger';
import { hyperplane } from './classic/hyperplane';
import { agrawal } from './classic/agrawal';

/** Every world the simulator knows, by name. */
export const WORLDS: Readonly<Record<string, World>> = Object.freeze(
  Object.fromEntries([credit, fraud, delivery, sea, stagger, hyperplane, agrawal].map((w) => [w.name, w])),
);

export function worldNames(): string[] {
  return Object.keys(WORLDS);
}

/** The world called `name`, or undefined. */
export function getWorld(name: string): World | undefined {
  return Object.prototype.hasOwnProperty.call(WORLDS, name) ? WORLDS[name] : undefined;
}
