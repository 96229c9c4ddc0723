import { sentFeatures, type SimEvent } from '../engine/event';
import type { World } from '../worlds/types';
import { ByteWriter } from './byte-writer';

const ascii = (s: string) => Buffer.from(s, 'utf8');
/** Larger value domains are written digit by digit. */
const MAX_PAIRS = 4096;

/**
 * Writes an event as one JSON line, byte-identical to `JSON.stringify(toRecord(event))` (a test holds
 * it to that) but several times faster: keys and categories are encoded once, numbers and times are
 * written straight into bytes, and the generic path is only taken for payloads that a data-quality
 * fault has changed.
 */
export class JsonlFormatter {
  private readonly idKey = ascii('{"id":');
  private readonly end = ascii('}\n');
  private readonly closeFeatures = ascii('},"label":');
  private readonly timeKey = ascii(',"time":"');
  private readonly head: Buffer;
  private readonly featuresKey = ascii(',"features":');
  private readonly feedbackAt = ascii(',"feedback":{"at":"');
  private readonly feedbackLabel = ascii('","label":');
  private readonly noFeedback = ascii(',"feedback":null,');
  private readonly closeFeedback = ascii('},');
  /** After a faulty payload, which the generic path writes. */
  private readonly labelKey = ascii(',"label":');

  private readonly keys: Buffer[];
  /**
   * Per feature, `"key":value` pre-encoded for every value it can take, when there are few: each
   * category, or each step of a numeric feature with a small range (ages, counts, ratios). One
   * copy then writes the pair. Indexed by category, or by round(value × 10^decimals) − offset.
   */
  private readonly pairs: (Buffer[] | null)[];
  private readonly offsets: number[];
  private readonly scales: number[];
  /** Per feature: decimals of a numeric feature. */
  private readonly decimals: number[];
  private readonly clientHeads = new Map<string, Buffer>();
  private readonly tails = new Map<readonly string[], Buffer>();
  private readonly scratch = new ByteWriter(1024);
  /** An upper bound of a clean line's length, reserved once per line. */
  private readonly maxLine: number;

  constructor(world: World) {
    this.head = ascii(`","world":${JSON.stringify(world.name)},"client":`);
    this.keys = world.features.map((f, i) => ascii((i === 0 ? '{' : ',') + JSON.stringify(f.name) + ':'));
    this.decimals = world.features.map((f) => (f.kind === 'numeric' ? f.decimals : 0));
    this.scales = this.decimals.map((d) => 10 ** d);
    this.offsets = world.features.map((f, i) =>
      f.kind === 'numeric' ? Math.round(f.min * this.scales[i]) : 0,
    );
    this.pairs = world.features.map((f, i) => {
      const key = this.keys[i].toString('utf8');
      if (f.kind === 'categorical') return f.categories.map((c) => ascii(key + JSON.stringify(c)));
      const steps = Math.round(f.max * this.scales[i]) - this.offsets[i] + 1;
      if (steps > MAX_PAIRS) return null;
      return Array.from({ length: steps }, (_, k) =>
        ascii(key + JSON.stringify((this.offsets[i] + k) / this.scales[i])),
      );
    });
    this.maxLine =
      512 +
      this.keys.reduce((n, k) => n + k.length + 24, 0) +
      this.pairs.reduce((n, p) => n + (p ? Math.max(...p.map((b) => b.length)) : 0), 0);
  }

  /** Appends the event's line, newline included. */
  encode(event: SimEvent, out: ByteWriter): void {
    // Room for everything but the variable parts (client, incidents, faulty payloads, serving),
    // which reserve their own.
    out.reserve(this.maxLine);
    out.bytes(this.idKey);
    out.number(event.id, 0);
    out.bytes(this.timeKey);
    out.isoTime(event.time);
    // `","world":…,"client":"…","features":` in one copy, cached per client.
    let head = this.clientHeads.get(event.client);
    if (head === undefined) {
      head = Buffer.concat([this.head, ascii(JSON.stringify(event.client)), this.featuresKey]);
      this.clientHeads.set(event.client, head);
    }
    out.reserve(head.length);
    out.bytes(head);
    if (event.faulty) {
      out.text(JSON.stringify(sentFeatures(event)));
      out.reserve(this.maxLine);
      out.bytes(this.labelKey);
    } else this.cleanFeatures(event, out);
    out.number(event.label, event.world.target.decimals ?? 0);
    if (event.feedbackAt === event.feedbackAt) {
      out.bytes(this.feedbackAt);
      out.isoTime(event.feedbackAt);
      out.bytes(this.feedbackLabel);
      out.number(event.feedbackLabel, event.world.target.decimals ?? 0);
      out.bytes(this.closeFeedback);
    } else out.bytes(this.noFeedback);
    // `"incidents":[…]}\n` in one copy, cached per list (the engine reuses list objects).
    let tail = this.tails.get(event.incidents);
    if (tail === undefined) {
      tail = ascii(`"incidents":${JSON.stringify(event.incidents)}`);
      this.tails.set(event.incidents, tail);
    }
    out.reserve(tail.length + 2);
    out.bytes(tail);
    if (event.serving) out.text(',"serving":' + JSON.stringify(event.serving));
    out.reserve(2);
    out.bytes(this.end);
  }

  /** The event's line as a string, newline included. */
  format(event: SimEvent): string {
    this.scratch.length = 0;
    this.encode(event, this.scratch);
    return this.scratch.buffer.toString('utf8', 0, this.scratch.length);
  }

  private cleanFeatures(event: SimEvent, out: ByteWriter): void {
    const { keys, pairs, decimals } = this;
    const values = event.sent;
    for (let i = 0; i < keys.length; i++) {
      const table = pairs[i];
      if (table !== null) {
        const v = values[i];
        const scaled = Math.round(v * this.scales[i]);
        const pair = table[scaled - this.offsets[i]];
        // The table holds exactly the values scaled / 10^decimals; anything else takes the long way.
        if (pair !== undefined && scaled / this.scales[i] === v) {
          out.bytes(pair);
          continue;
        }
      }
      out.bytes(keys[i]);
      out.number(values[i], decimals[i]);
    }
    out.bytes(this.closeFeatures);
  }
}
