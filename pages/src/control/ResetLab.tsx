import { api } from '../api/client';
import type { LabResetAnswer } from '../api/types';
import { resetSummary } from '../core/lab-reset';
import { ConfirmButton } from '../ui/ConfirmButton';
import { Notice } from '../ui/Notice';
import { useLabAction } from './useLabAction';

/** POST /v1/lab/reset, once confirmed, and what it did. */
export function ResetLab(props: { token: string; onReset: () => void }) {
  const action = useLabAction();
  const reset = () => api<LabResetAnswer>('/v1/lab/reset', { token: props.token, method: 'POST' });
  return (
    <>
      <p>
        Back to a clean lab for the next group: every incident still scheduled, running or paused is aborted,
        and each model gets back the version it served when the lab first started. The record, the labelled
        data and the other model versions stay.
      </p>
      {action.outcome && <Notice kind={action.outcome.kind}>{action.outcome.text}</Notice>}
      <ConfirmButton
        label="Reset the lab"
        title="Reset the lab?"
        confirmLabel="Reset"
        variant="destructive"
        disabled={action.busy}
        onConfirm={() => action.run(reset, resetSummary, props.onReset)}
      >
        <p>
          This aborts every incident that has not ended and puts the original model versions back, for every
          team. Teams&apos; retrained versions stop serving.
        </p>
      </ConfirmButton>
    </>
  );
}
