import { monitoringConfig } from './config';
import { targetFromHoldout } from './quality-target';

describe('quality targets', () => {
  it('follow from the holdout: 5 accuracy points below, or a quarter more absolute error', () => {
    expect(targetFromHoldout({ task: 'classification', accuracy: 0.86 })!.value).toBeCloseTo(0.81, 12);
    expect(targetFromHoldout({ task: 'classification', accuracy: 0.86 })!.metric).toBe('accuracy');
    expect(targetFromHoldout({ task: 'regression', mae: 8 })).toEqual({
      metric: 'mean_absolute_error',
      value: 10,
    });
    expect(targetFromHoldout({ task: 'classification', accuracy: 0.03 })!.value).toBe(0);
    expect(targetFromHoldout(undefined)).toBeNull();
    expect(targetFromHoldout({ accuracy: Number.NaN })).toBeNull();
  });

  it('can be set per model in the monitoring configuration', () => {
    const config = monitoringConfig({
      quality_targets: { credit: { accuracy: 0.8 }, delivery: { mean_absolute_error: 9 } },
    });
    expect(config.qualityTargets).toEqual({
      credit: { metric: 'accuracy', value: 0.8 },
      delivery: { metric: 'mean_absolute_error', value: 9 },
    });
    expect(monitoringConfig({}).qualityTargets).toEqual({});
  });
});
