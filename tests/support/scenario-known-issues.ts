// False alarms the scenario harness finds that are not the scenarios' doing and cannot be fixed in
// the rules without breaking them at the lab's usual 60× speed (simulator/docs/scenarios.md, "Known
// issues"). Each is pinned, not ignored: it is left out of the scenario's other checks, but must
// fire within its window and nowhere else, so a fix (or a new false alarm) makes the test fail and
// the entry is removed or moved.

export interface KnownIssue {
  readonly scenario: string;
  /** The alert and the labels that pick it out (besides the scenario's model). */
  readonly alert: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** It fires at some time in [from, to] and at no other, durations after the start. */
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

const HEAVY_TAIL =
  'the default drift test (normed Wasserstein ≥ 0.1) on a heavy-tailed feature flags a full window now and then by chance for about ten minutes; at 60× that is ten seconds, under `for: 1m` (a per-feature test in the monitoring configuration would fix it)';

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    scenario: 'delivery-new-city',
    alert: 'FeatureDriftHigh',
    labels: { feature: 'restaurant_prep_min' },
    from: '4h45m',
    to: '5h15m',
    why: HEAVY_TAIL,
  },
  {
    scenario: 'fraud-amount-outliers',
    alert: 'FeatureDriftHigh',
    labels: { feature: 'seconds_since_last_txn' },
    from: '2h45m',
    to: '3h15m',
    why: HEAVY_TAIL,
  },
];
