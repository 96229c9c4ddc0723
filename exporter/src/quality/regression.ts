import { regressionMetrics } from '@driftlab/contracts';
import { checkOneValuePer, type RegressionRows } from './rows';

/** Realised quality of a regressor over a window; NaN everywhere when the window is empty. */
export interface RegressionQuality {
  readonly count: number;
  readonly mae: number;
  readonly rmse: number;
  /** sklearn's mean_absolute_percentage_error: a fraction, |y| floored at 2⁻⁵² (huge, not infinite, at y = 0). */
  readonly mape: number;
}

export function regressionQuality(rows: RegressionRows): RegressionQuality {
  checkOneValuePer('regressionQuality', rows.values, rows.labels, 'label');
  if (rows.labels.length === 0) return { count: 0, mae: NaN, rmse: NaN, mape: NaN };
  const m = regressionMetrics(rows.labels, rows.values);
  return { count: m.count, mae: m.mae, rmse: m.rmse, mape: m.mape };
}
