import type { AnswerKey, DiagnosisKind } from '@driftlab/simulator';

/*
 * Scoring a student's diagnosis against what was injected (docs/incidents.md, "Scoring"):
 *
 *   model     25 points  the right model
 *   kind      25 points  the right kind of problem (covariate, concept, prior, quality, serving, abuse)
 *   features  30 points  F1 of the named features against the answer key's (right model only);
 *                        an answer key with no features gives full points to a diagnosis naming none
 *   onset     20 points  full within ONSET_FULL_SECONDS of the true onset, falling linearly to none
 *                        at ONSET_ZERO_SECONDS
 *
 * Times are wall-clock: students read them off Grafana. Time to detect (submission − onset) is
 * reported beside the score, not part of it.
 */

export const WEIGHTS = { model: 25, kind: 25, features: 30, onset: 20 } as const;
export const ONSET_FULL_SECONDS = 120;
export const ONSET_ZERO_SECONDS = 600;

export interface Diagnosis {
  readonly model: string;
  readonly features: readonly string[];
  readonly kind: DiagnosisKind;
  /** When the student says the problem started (epoch ms). */
  readonly since: number;
}

export interface Score {
  /** 0–100. */
  readonly total: number;
  readonly model: boolean;
  readonly kind: boolean;
  readonly featurePrecision: number;
  readonly featureRecall: number;
  /** |since − onset| in seconds. */
  readonly onsetErrorSeconds: number;
  /** Submission − onset, in seconds. */
  readonly timeToDetectSeconds: number;
}

export function scoreDiagnosis(
  diagnosis: Diagnosis,
  answer: Pick<AnswerKey, 'model' | 'kind' | 'features'>,
  onset: number,
  submittedAt: number,
): Score {
  const model = diagnosis.model === answer.model;
  const kind = diagnosis.kind === answer.kind;
  const named = new Set(diagnosis.features);
  const truth = new Set(answer.features);
  const hits = [...named].filter((f) => truth.has(f)).length;
  let precision: number;
  let recall: number;
  if (!model) precision = recall = 0;
  else if (truth.size === 0) precision = recall = named.size === 0 ? 1 : 0;
  else {
    precision = named.size === 0 ? 0 : hits / named.size;
    recall = hits / truth.size;
  }
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const onsetError = Math.abs(diagnosis.since - onset) / 1000;
  const onsetCredit =
    onsetError <= ONSET_FULL_SECONDS
      ? 1
      : Math.max(0, 1 - (onsetError - ONSET_FULL_SECONDS) / (ONSET_ZERO_SECONDS - ONSET_FULL_SECONDS));
  const total =
    WEIGHTS.model * (model ? 1 : 0) +
    WEIGHTS.kind * (kind ? 1 : 0) +
    WEIGHTS.features * f1 +
    WEIGHTS.onset * onsetCredit;
  return {
    total: Math.round(total * 10) / 10,
    model,
    kind,
    featurePrecision: precision,
    featureRecall: recall,
    onsetErrorSeconds: onsetError,
    timeToDetectSeconds: (submittedAt - onset) / 1000,
  };
}
