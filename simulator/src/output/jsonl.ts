import { sentFeatures, type SimEvent } from '../engine/event';
import type { World } from '../worlds/types';
import { IsoTimeFormatter } from './iso-time';

/**
 * Writes an event as one JSON line, byte-identical to `JSON.stringify(toRecord(event))` (a test holds
 * it to that) but about three times faster: keys and category strings are serialised once, and the
 * generic path is only taken for payloads that a data-quality fault has changed.
 */
export class JsonlFormatter {
  private readonly head: string;
  private readonly keys: string[];
  /** Per feature: the JSON of each category, or null for numeric features. */
  private readonly categoryJson: (string[] | null)[];
  private readonly times = new IsoTimeFormatter();
  private readonly feedbackTimes = new IsoTimeFormatter();
  private readonly incidentsJson = new Map<readonly string[], string>();

  constructor(world: World) {
    this.head = `","world":${JSON.stringify(world.name)},"client":"`;
    this.keys = world.features.map((f, i) => (i === 0 ? '' : ',') + JSON.stringify(f.name) + ':');
    this.categoryJson = world.features.map((f) =>
      f.kind === 'categorical' ? f.categories.map((c) => JSON.stringify(c)) : null,
    );
  }

  format(event: SimEvent): string {
    let line = '{"id":' + event.id + ',"time":"' + this.times.format(event.time) + this.head + event.client;
    line +=
      '","features":' + (event.faulty ? JSON.stringify(sentFeatures(event)) : this.cleanFeatures(event));
    line += ',"label":' + event.label + ',"feedback":';
    line +=
      event.feedbackAt === event.feedbackAt
        ? '{"at":"' + this.feedbackTimes.format(event.feedbackAt) + '","label":' + event.feedbackLabel + '}'
        : 'null';
    line += ',"incidents":' + this.incidents(event.incidents);
    if (event.serving) line += ',"serving":' + JSON.stringify(event.serving);
    return line + '}\n';
  }

  private cleanFeatures(event: SimEvent): string {
    const { keys, categoryJson } = this;
    const values = event.sent;
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const categories = categoryJson[i];
      out += keys[i] + (categories === null ? values[i] : categories[values[i]]);
    }
    return out + '}';
  }

  private incidents(list: readonly string[]): string {
    let json = this.incidentsJson.get(list);
    if (json === undefined) {
      json = JSON.stringify(list);
      this.incidentsJson.set(list, json);
    }
    return json;
  }
}
