/** A note for the person looking at the panel: errors replace the view, warnings sit under it. */
export interface Issue {
  level: 'error' | 'warning' | 'info';
  message: string;
}

interface Bucket {
  level: Issue['level'];
  count: number;
  examples: string[];
  describe: (count: number, examples: string[]) => string;
}

const MAX_EXAMPLES = 3;

/**
 * Collects problems by kind, so a hundred broken series give one line ("100 series … e.g. a, b, c")
 * instead of a hundred.
 */
export class IssueCollector {
  private readonly buckets = new Map<string, Bucket>();

  add(
    key: string,
    level: Issue['level'],
    describe: (count: number, examples: string[]) => string,
    example?: string
  ): void {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { level, count: 0, examples: [], describe };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    if (example !== undefined && bucket.examples.length < MAX_EXAMPLES && !bucket.examples.includes(example)) {
      bucket.examples.push(example);
    }
  }

  list(): Issue[] {
    const order = { error: 0, warning: 1, info: 2 };
    return [...this.buckets.values()]
      .map((b) => ({ level: b.level, message: b.describe(b.count, b.examples) }))
      .sort((a, b) => order[a.level] - order[b.level]);
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function examplesText(examples: string[], count: number): string {
  if (examples.length === 0) {
    return '';
  }
  return ` (${count > examples.length ? 'e.g. ' : ''}${examples.join(', ')})`;
}
