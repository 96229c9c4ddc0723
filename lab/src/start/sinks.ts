import type { Logger } from 'winston';
import type { LabelEvent, PredictionBatch } from '@driftlab/contracts';
import { batchToWire, labelToWire, type Exporter, type WireBatch, type WireLabel } from '@driftlab/exporter';
import { EventForwarder } from '../event-forwarder';

/**
 * Where served predictions and late labels go: the exporter in this process, or a forwarder to
 * the exporter in another one (`start --only serving|simulator --exporter-url`). One interface, so
 * the wiring does not care which.
 */
export interface EventSink {
  prediction(batch: PredictionBatch): void;
  label(event: LabelEvent): void;
  /** Delivers what is still buffered. */
  close(): Promise<void>;
}

export function exporterSink(exporter: Exporter): EventSink {
  return {
    prediction: (batch) => exporter.observeBatch(batch),
    label: (event) => void exporter.observeLabel(event),
    close: async () => exporter.flush(),
  };
}

/**
 * Forwards to the exporter's ingest routes at `exporterUrl`, proving itself with the tutor token;
 * each forwarder starts with its first event.
 */
export function remoteSink(exporterUrl: string, token: string, log: Logger): EventSink {
  const options = { logger: log, token };
  let predictions: EventForwarder<WireBatch> | undefined;
  let labels: EventForwarder<WireLabel> | undefined;
  return {
    prediction(batch) {
      predictions ??= new EventForwarder(`${exporterUrl}/v1/events/predictions`, 'batches', options);
      predictions.push(batchToWire(batch));
    },
    label(event) {
      labels ??= new EventForwarder(`${exporterUrl}/v1/events/labels`, 'labels', options);
      labels.push(labelToWire(event));
    },
    async close() {
      await predictions?.close();
      await labels?.close();
    },
  };
}
