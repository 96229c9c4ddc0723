import type { Catalogue, DiagnosisFeedback } from '../api/types';
import { formatDuration, formatScore, localInputToIso, minutesAgo, toLocalInput } from './format';

/*
 * The diagnosis form's pure part: what the team filled in (a draft, as the inputs hold it) turned
 * into the body of POST /v1/diagnoses, or the problems to fix, each naming the field as the form
 * labels it. The lab checks the same limits (docs/incidents.md); checking them here first says what
 * is wrong before a refused diagnosis counts toward the team's 10 a minute.
 */

/** The lab's limit on a diagnosis's note. */
export const NOTE_LIMIT = 2000;
/** The lab takes an onset up to 5 minutes past its clock: a student's clock may run a little ahead. */
const CLOCK_SLACK_MS = 5 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/** What each kind means, as the student guide says it (a kind the lab adds later has no hint). */
export const KIND_HINTS: Readonly<Record<string, string>> = {
  covariate: 'the inputs moved, the rule did not',
  concept: 'the rule changed: accuracy falls while the inputs look the same',
  prior: 'the share of positives moved',
  quality: 'missing, malformed or out-of-range inputs',
  serving: 'errors or latency',
  abuse: 'a flood or probing from a few clients',
};

export type OnsetMode = 'ago' | 'at';

/** The form's inputs as they are. */
export interface DiagnosisDraft {
  readonly model: string;
  readonly kind: string;
  /** None: a problem of the whole model. */
  readonly features: readonly string[];
  readonly onsetMode: OnsetMode;
  /** The "minutes ago" input's text. */
  readonly minutesAgo: string;
  /** The `<input type="datetime-local">` value (the browser's zone). */
  readonly at: string;
  readonly note: string;
}

/** The body of POST /v1/diagnoses. */
export interface DiagnosisRequest {
  readonly model: string;
  readonly features: readonly string[];
  readonly kind: string;
  readonly since: string;
  readonly note: string;
}

export type DiagnosisField = 'model' | 'kind' | 'features' | 'onset' | 'note';
export type FieldProblems = Partial<Record<DiagnosisField, string>>;

export type DraftOutcome =
  | { readonly ok: true; readonly body: DiagnosisRequest }
  | { readonly ok: false; readonly problems: FieldProblems };

/** A fresh form: the lab's first model (most labs serve one), no kind yet, the onset "minutes ago". */
export function emptyDraft(catalogue: Catalogue, now: number = Date.now()): DiagnosisDraft {
  return {
    model: catalogue.models[0]?.name ?? '',
    kind: '',
    features: [],
    onsetMode: 'ago',
    minutesAgo: '',
    at: toLocalInput(now),
    note: '',
  };
}

/** The draft for another model: features are per model, so the other model's are dropped. */
export function withModel(draft: DiagnosisDraft, model: string, catalogue: Catalogue): DiagnosisDraft {
  const features = new Set(catalogue.models.find((m) => m.name === model)?.features ?? []);
  return { ...draft, model, features: draft.features.filter((f) => features.has(f)) };
}

/** The draft with `feature` ticked or not. */
export function withFeature(draft: DiagnosisDraft, feature: string, on: boolean): DiagnosisDraft {
  const rest = draft.features.filter((f) => f !== feature);
  return { ...draft, features: on ? [...rest, feature] : rest };
}

/** The onset the draft gives, as an ISO time, or what is wrong with it. */
function sinceOf(draft: DiagnosisDraft, now: number): { since: string } | { problem: string } {
  let since: string | null;
  if (draft.onsetMode === 'ago') {
    const text = draft.minutesAgo.trim();
    const minutes = Number(text);
    if (text === '' || !Number.isFinite(minutes) || minutes < 0)
      return { problem: 'Minutes ago: enter how many minutes ago it began, 0 or more.' };
    since = minutesAgo(minutes, now);
  } else {
    since = localInputToIso(draft.at);
    if (since === null) return { problem: 'Began at: enter the date and time it began.' };
  }
  const field = draft.onsetMode === 'ago' ? 'Minutes ago' : 'Began at';
  const t = Date.parse(since);
  if (t > now + CLOCK_SLACK_MS) return { problem: `${field}: that time has not come yet.` };
  if (t < EARLIEST) return { problem: `${field}: expected a time after 1 January 2000.` };
  return { since };
}

/** The request the draft makes, or the problems to fix first (each naming its field). */
export function diagnosisRequest(
  draft: DiagnosisDraft,
  catalogue: Catalogue,
  now: number = Date.now(),
): DraftOutcome {
  const problems: FieldProblems = {};
  const model = catalogue.models.find((m) => m.name === draft.model);
  if (!model) problems.model = 'Model: choose one of your lab’s models.';
  if (!catalogue.kinds.includes(draft.kind)) problems.kind = 'Kind: choose what kind of problem it is.';
  const unknown = model ? draft.features.filter((f) => !model.features.includes(f)) : [];
  if (unknown.length > 0)
    problems.features = `Features: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not of ${draft.model}.`;
  const onset = sinceOf(draft, now);
  if ('problem' in onset) problems.onset = onset.problem;
  if (draft.note.length > NOTE_LIMIT)
    problems.note = `Note: at most ${NOTE_LIMIT} characters (this one has ${draft.note.length}).`;
  if (!model || 'problem' in onset || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      model: model.name,
      // In the catalogue's order, whatever order they were ticked in.
      features: model.features.filter((f) => draft.features.includes(f)),
      kind: draft.kind,
      since: onset.since,
      note: draft.note.trim(),
    },
  };
}

/** What a diagnosis earned: "100", or why there is no score yet (the lab's own words). */
export function scoreText(d: DiagnosisFeedback): string {
  if (d.score) return formatScore(d.score.total);
  return d.pending ?? '–';
}

/** The lab's answer to a diagnosis, as a sentence for the form's notice. */
export function feedbackText(d: DiagnosisFeedback): string {
  if (!d.score) return `Diagnosis ${d.id} received: ${d.pending ?? 'no score yet'}.`;
  const s = d.score;
  const right = (ok: boolean) => (ok ? 'right' : 'wrong');
  const percent = (x: number) => `${Math.round(x * 100)} %`;
  return (
    `Diagnosis ${d.id} received: score ${formatScore(s.total)} of 100 (model ${right(s.model)}, ` +
    `kind ${right(s.kind)}, features ${percent(s.featurePrecision)} precise and ` +
    `${percent(s.featureRecall)} complete, onset off by ${formatDuration(s.onsetErrorSeconds)}).`
  );
}

/** A diagnosis's features as the table shows them. */
export function featuresText(features: readonly string[]): string {
  return features.length === 0 ? 'whole model' : features.join(', ');
}
