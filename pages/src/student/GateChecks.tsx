import type { GateReport } from '../api/types';

/** Each promotion gate's check: passed or failed (in words, not colour alone), and why. */
export function GateChecks({ gates }: { gates: GateReport }) {
  return (
    <ul
      className="team-gates"
      aria-label={gates.passed ? 'Gate checks: all passed' : 'Gate checks: some failed'}
    >
      {gates.checks.map((check) => (
        <li key={check.name}>
          <span className={`badge ${check.passed ? 'team-passed' : 'team-failed'}`}>
            {check.passed ? 'passed' : 'failed'}
          </span>
          <span>
            {check.name}
            {check.detail && <span className="muted"> – {check.detail}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
