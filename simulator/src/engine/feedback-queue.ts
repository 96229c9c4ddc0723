/** A label due to reach the lab: which request it answers, when, and the label as delivered. */
export interface DueLabel {
  /** Index of the source (e.g. the world's position in the run), for routing. */
  readonly source: number;
  /** The event id the label answers. */
  readonly id: number;
  readonly at: number;
  readonly label: number;
}

/**
 * Labels waiting for their delivery time, in a binary min-heap on typed arrays: the live lab
 * delivers each event's ground truth at `feedbackAt`, long after the event. Capacity grows by
 * doubling to what is pending at once (rate × the longest delay), never with run length.
 */
export class FeedbackQueue {
  private at = new Float64Array(1024);
  private id = new Float64Array(1024);
  private label = new Float64Array(1024);
  private source = new Int32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** The earliest delivery time waiting, or Infinity. */
  get nextAt(): number {
    return this.n > 0 ? this.at[0] : Infinity;
  }

  push(source: number, id: number, at: number, label: number): void {
    if (!(at === at)) return; // NaN: never delivered
    if (this.n === this.at.length) this.grow();
    let i = this.n++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(at, id, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.at[i] = at;
    this.id[i] = id;
    this.label[i] = label;
    this.source[i] = source;
  }

  /** Removes and returns the earliest label if it is due by `time`, else null. */
  popDue(time: number): DueLabel | null {
    if (this.n === 0 || this.at[0] > time) return null;
    const due: DueLabel = { source: this.source[0], id: this.id[0], at: this.at[0], label: this.label[0] };
    const last = --this.n;
    if (last > 0) {
      const at = this.at[last];
      const id = this.id[last];
      const label = this.label[last];
      const source = this.source[last];
      let i = 0;
      // Sift down.
      for (;;) {
        const left = 2 * i + 1;
        if (left >= last) break;
        const right = left + 1;
        const child = right < last && this.lessAt(right, left) ? right : left;
        if (!this.before(this.at[child], this.id[child], -1, at, id)) break;
        this.move(child, i);
        i = child;
      }
      this.at[i] = at;
      this.id[i] = id;
      this.label[i] = label;
      this.source[i] = source;
    }
    return due;
  }

  /** Orders by time, then id, so equal times deliver in a fixed order (determinism). */
  private before(
    at: number,
    id: number,
    slot: number,
    otherAt = this.at[slot],
    otherId = this.id[slot],
  ): boolean {
    return at < otherAt || (at === otherAt && id < otherId);
  }

  private lessAt(a: number, b: number): boolean {
    return this.before(this.at[a], this.id[a], b);
  }

  private move(from: number, to: number): void {
    this.at[to] = this.at[from];
    this.id[to] = this.id[from];
    this.label[to] = this.label[from];
    this.source[to] = this.source[from];
  }

  private grow(): void {
    const size = this.at.length * 2;
    const at = new Float64Array(size);
    const id = new Float64Array(size);
    const label = new Float64Array(size);
    const source = new Int32Array(size);
    at.set(this.at);
    id.set(this.id);
    label.set(this.label);
    source.set(this.source);
    this.at = at;
    this.id = id;
    this.label = label;
    this.source = source;
  }
}
