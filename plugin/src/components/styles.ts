import { GrafanaTheme2 } from '@grafana/data';

import { getSizes, Sizes } from './sizes';

/**
 * Every component's getStyles takes the reading distance (`useStyles2(getStyles, lecture)`) and
 * sizes its type and spacing from it: this does that once, so a style module only lists its parts.
 */
export function sizedStyles<T>(parts: (theme: GrafanaTheme2, s: Sizes, lecture: boolean) => T) {
  return (theme: GrafanaTheme2, lecture: boolean): T => parts(theme, getSizes(theme, lecture), lecture);
}
