/* What POST /v1/lab/reset did, said for the tutor (its answer varies with the lab's layout). */
import type { LabResetAnswer } from '../api/types';

const versions = (models: Readonly<Record<string, number>>): string[] =>
  Object.entries(models).map(([model, version]) => `${model} v${version}`);

/** "Aborted inc-1, inc-2. Put back: credit v1." */
export function resetSummary(answer: LabResetAnswer): string {
  const aborted =
    answer.aborted.length > 0 ? `Aborted ${answer.aborted.join(', ')}.` : 'No incident was left to abort.';
  if (typeof answer.models === 'string') return `${aborted} Models ${answer.models}.`;
  const put: string[] = [];
  for (const [key, value] of Object.entries(answer.models))
    // A cohort answers team → (model → version); a lab of one team, model → version.
    if (typeof value === 'number') put.push(`${key} v${value}`);
    else if (Object.keys(value).length > 0) put.push(`${key}: ${versions(value).join(', ')}`);
  return put.length > 0
    ? `${aborted} Original model versions put back: ${put.join('; ')}.`
    : `${aborted} Every model already served its original version.`;
}
