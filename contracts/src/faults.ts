/** The ways an instance can differ from the model's feature schema. */
export type InputFault =
  'missing' | 'wrong-type' | 'non-finite' | 'unseen-category' | 'out-of-range' | 'unknown-field';

export const INPUT_FAULTS: readonly InputFault[] = [
  'missing',
  'wrong-type',
  'non-finite',
  'unseen-category',
  'out-of-range',
  'unknown-field',
];

/** The bit of a fault in a batch's per-feature fault bits (PredictionBatch.faultBits). */
export function faultBit(fault: InputFault): number {
  return 1 << INPUT_FAULTS.indexOf(fault);
}
