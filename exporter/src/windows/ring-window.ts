import { WindowCursor, type RecordRing } from './ring';
import { windowName, type WindowSpec } from './spec';

/**
 * What every sliding window over a record ring has in common: its spec and name, the cursor that
 * says which records it holds, and whether it owns its ring or shares one (ModelWindows feeds a
 * shared ring once for all its windows, so their own `push` must refuse).
 */
export abstract class RingWindow {
  readonly spec: WindowSpec;
  readonly name: string;
  protected readonly ring: RecordRing;
  protected readonly cursor: WindowCursor;
  protected readonly shared: boolean;

  protected constructor(spec: WindowSpec, ring: RecordRing, shared: boolean) {
    this.spec = spec;
    this.name = windowName(spec);
    this.ring = ring;
    this.shared = shared;
    this.cursor = new WindowCursor(spec, ring);
  }

  /** Counts the event the shared ring is about to store, at its ordering time (ModelWindows). */
  admit(timeMs: number): void {
    this.cursor.admit(timeMs);
  }

  /** Expires what a time window no longer covers at `nowMs` (call at scrape time with the clock's now). */
  advance(nowMs: number): void {
    this.cursor.advance(nowMs);
  }

  get size(): number {
    return this.cursor.size;
  }

  get pushed(): number {
    return this.ring.pushed;
  }

  get droppedAtCapacity(): number {
    return this.cursor.droppedAtCapacity;
  }

  /** Changes when the window is cleared: (generation, pushed, size) tell what it holds. */
  get generation(): number {
    return this.cursor.generation;
  }

  clear(): void {
    if (!this.shared) this.ring.clear();
    this.cursor.clear();
  }

  /** Refuses a direct push into a shared ring: it would add the event to every window on it. */
  protected checkOwnRing(via: string): void {
    if (this.shared) throw new Error(`window ${this.name} shares its ring: push through ModelWindows.${via}`);
  }
}
