import type { Catalogue, DiagnosisFeedback } from '../api/types';
import {
  diagnosisRequest,
  emptyDraft,
  feedbackText,
  featuresText,
  NOTE_LIMIT,
  scoreText,
  withFeature,
  withModel,
  type DiagnosisDraft,
} from './diagnosis-form';
import { toLocalInput } from './format';

const CATALOGUE: Catalogue = {
  models: [
    { name: 'credit', title: 'Credit', task: 'classification', features: ['age', 'annual_income', 'region'] },
    { name: 'delivery', title: 'Delivery', task: 'regression', features: ['distance_km', 'region'] },
  ],
  kinds: ['covariate', 'concept', 'prior', 'quality', 'serving', 'abuse'],
};
const NOW = Date.parse('2026-11-27T10:30:00Z');

const draft = (over: Partial<DiagnosisDraft> = {}): DiagnosisDraft => ({
  ...emptyDraft(CATALOGUE, NOW),
  kind: 'covariate',
  minutesAgo: '15',
  ...over,
});

describe('emptyDraft', () => {
  it('starts on the first model, no kind, no feature, the onset in minutes ago', () => {
    const d = emptyDraft(CATALOGUE, NOW);
    expect(d).toMatchObject({ model: 'credit', kind: '', features: [], onsetMode: 'ago', note: '' });
    // The wall-clock input starts at now, in the browser's zone.
    expect(Date.parse(new Date(d.at).toISOString())).toBe(NOW);
  });

  it('leaves the model empty when the lab serves none', () => {
    expect(emptyDraft({ models: [], kinds: [] }, NOW).model).toBe('');
  });
});

describe('diagnosisRequest', () => {
  it('makes the body of POST /v1/diagnoses, features in the catalogue’s order', () => {
    const ticked = withFeature(withFeature(draft(), 'region', true), 'annual_income', true);
    expect(diagnosisRequest({ ...ticked, note: '  income moved left  ' }, CATALOGUE, NOW)).toEqual({
      ok: true,
      body: {
        model: 'credit',
        features: ['annual_income', 'region'],
        kind: 'covariate',
        since: '2026-11-27T10:15:00.000Z',
        note: 'income moved left',
      },
    });
  });

  it('sends no feature for a problem of the whole model', () => {
    const outcome = diagnosisRequest(draft({ kind: 'serving' }), CATALOGUE, NOW);
    expect(outcome.ok && outcome.body.features).toEqual([]);
  });

  it('takes a wall-clock onset from the datetime-local input, in the browser’s zone', () => {
    const outcome = diagnosisRequest(draft({ onsetMode: 'at', at: '2026-11-27T09:05' }), CATALOGUE, NOW);
    expect(outcome.ok && outcome.body.since).toBe(new Date('2026-11-27T09:05').toISOString());
  });

  it('takes a fraction of a minute, and 0 for just now', () => {
    const half = diagnosisRequest(draft({ minutesAgo: '0.5' }), CATALOGUE, NOW);
    expect(half.ok && half.body.since).toBe('2026-11-27T10:29:30.000Z');
    const now = diagnosisRequest(draft({ minutesAgo: '0' }), CATALOGUE, NOW);
    expect(now.ok && now.body.since).toBe('2026-11-27T10:30:00.000Z');
  });

  it('names the field of each problem', () => {
    const outcome = diagnosisRequest(
      { ...draft(), model: 'nope', kind: '', minutesAgo: '', note: 'x'.repeat(NOTE_LIMIT + 1) },
      CATALOGUE,
      NOW,
    );
    expect(outcome).toEqual({
      ok: false,
      problems: {
        model: 'Model: choose one of your lab’s models.',
        kind: 'Kind: choose what kind of problem it is.',
        onset: 'Minutes ago: enter how many minutes ago it began, 0 or more.',
        note: `Note: at most ${NOTE_LIMIT} characters (this one has ${NOTE_LIMIT + 1}).`,
      },
    });
  });

  it.each([
    [{ minutesAgo: '-1' }, 'Minutes ago: enter how many minutes ago it began, 0 or more.'],
    [{ minutesAgo: 'ten' }, 'Minutes ago: enter how many minutes ago it began, 0 or more.'],
    [{ minutesAgo: '99999999' }, 'Minutes ago: expected a time after 1 January 2000.'],
    [{ onsetMode: 'at' as const, at: '' }, 'Began at: enter the date and time it began.'],
    [{ onsetMode: 'at' as const, at: '2026-13-40T25:00' }, 'Began at: enter the date and time it began.'],
    [{ onsetMode: 'at' as const, at: '2026-11-28T10:30' }, 'Began at: that time has not come yet.'],
  ])('refuses the onset %p', (over, problem) => {
    expect(diagnosisRequest(draft(over), CATALOGUE, NOW)).toEqual({
      ok: false,
      problems: { onset: problem },
    });
  });

  it('allows an onset up to 5 minutes ahead, as the lab does (a clock a little fast)', () => {
    const at = toLocalInput(NOW + 4 * 60_000);
    expect(diagnosisRequest(draft({ onsetMode: 'at', at }), CATALOGUE, NOW).ok).toBe(true);
  });

  it('refuses a feature of another model', () => {
    expect(diagnosisRequest(draft({ features: ['distance_km'] }), CATALOGUE, NOW)).toEqual({
      ok: false,
      problems: { features: 'Features: distance_km is not of credit.' },
    });
  });
});

describe('withModel and withFeature', () => {
  it('keep only the features the new model has', () => {
    const ticked = withFeature(withFeature(draft(), 'age', true), 'region', true);
    expect(withModel(ticked, 'delivery', CATALOGUE)).toMatchObject({
      model: 'delivery',
      features: ['region'],
    });
    expect(withFeature(ticked, 'age', false).features).toEqual(['region']);
    // Ticking twice keeps one.
    expect(withFeature(ticked, 'age', true).features).toEqual(['region', 'age']);
  });
});

describe('what the form says of an answer', () => {
  const pending: DiagnosisFeedback = {
    id: 3,
    submittedAt: '2026-11-27T10:30:00Z',
    model: 'credit',
    kind: 'covariate',
    features: [],
    since: '2026-11-27T10:15:00Z',
    pending: 'your score appears when the tutor reveals the incident',
  };
  const scored: DiagnosisFeedback = {
    ...pending,
    pending: undefined,
    features: ['annual_income'],
    score: {
      total: 75,
      model: true,
      kind: false,
      featurePrecision: 1,
      featureRecall: 0.5,
      onsetErrorSeconds: 22,
      timeToDetectSeconds: 300,
    },
  };

  it('gives the lab’s reason while a score is kept back', () => {
    expect(feedbackText(pending)).toBe(
      'Diagnosis 3 received: your score appears when the tutor reveals the incident.',
    );
    expect(scoreText(pending)).toBe('your score appears when the tutor reveals the incident');
  });

  it('gives the score and its parts', () => {
    expect(feedbackText(scored)).toBe(
      'Diagnosis 3 received: score 75 of 100 (model right, kind wrong, features 100 % precise and 50 % complete, onset off by 22 s).',
    );
    expect(scoreText(scored)).toBe('75');
  });

  it('names a problem of the whole model so', () => {
    expect(featuresText([])).toBe('whole model');
    expect(featuresText(['a', 'b'])).toBe('a, b');
  });
});
