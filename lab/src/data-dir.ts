import { join, resolve } from 'node:path';

/** Where the lab keeps its state: `--data`, else DRIFTLAB_DATA, else ./.driftlab. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.DRIFTLAB_DATA ?? '.driftlab');
}

export function registryDir(data: string): string {
  return join(data, 'registry');
}

/** The labelled log (predictions joined with late labels) that retrains read: serving/docs/labelled-log.md. */
export function labelledLogPath(data: string): string {
  return join(data, 'labelled.sqlite');
}

/** The lab's record of alerts, incidents and actions (lab/src/record). */
export function labRecordPath(data: string): string {
  return join(data, 'lab-record.sqlite');
}
