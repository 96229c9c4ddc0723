import { useId, useState } from 'react';
import { api } from '../api/client';
import type { GateReport, GatedResult, ModelVersion, RetrainResult } from '../api/types';
import {
  deploymentText,
  promoteChoices,
  REASON_LIMIT,
  retrainRequest,
  retrainText,
  RETRAIN_MAX,
  RETRAIN_MIN,
  rollbackChoices,
  versionRequest,
} from '../core/recovery';
import { ConfirmButton } from '../ui/ConfirmButton';

/* The recovery forms of one model: roll back, promote and retrain, each confirmed in a dialog. */

export interface ActionResult {
  readonly kind: 'success' | 'info' | 'error';
  readonly text: string;
  readonly gates?: GateReport | null;
}

/** Runs a recovery request, saying `what` while it runs and its result after. */
export type RunAction = (what: string, request: () => Promise<ActionResult>) => void;

interface ActionProps {
  readonly token: string;
  readonly model: string;
  readonly versions: readonly ModelVersion[];
  readonly run: RunAction;
}

/** A retrain can take seconds on a large window: longer than the client's usual wait. */
const RETRAIN_TIMEOUT_MS = 120_000;

const VERSION_ACTIONS = {
  rollback: {
    legend: 'Roll back',
    verb: 'Roll back',
    none: 'No earlier version has served: nothing to roll back to.',
    explain: 'It serves again at once, without gates: it served before.',
    choices: rollbackChoices,
  },
  promote: {
    legend: 'Promote',
    verb: 'Promote',
    none: 'No newer version to promote: retrain first.',
    explain: 'It serves at once if it passes the promotion gates; if not, you see which checks failed.',
    choices: promoteChoices,
  },
} as const;

function ReasonField(props: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Reason (optional)</label>
      <input
        id={id}
        type="text"
        value={props.value}
        maxLength={REASON_LIMIT}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

function Problem({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={id} className="team-problem">
      {text}
    </p>
  ) : null;
}

/** Roll back to an earlier version, or promote a newer one through the gates. */
export function VersionAction(props: ActionProps & { action: 'rollback' | 'promote' }) {
  const { token, model, versions, run, action } = props;
  const text = VERSION_ACTIONS[action];
  const choices = text.choices(versions);
  const [picked, setPicked] = useState('');
  const [reason, setReason] = useState('');
  const selectId = useId();
  const problemId = useId();
  // The pick stays while it is still a choice; else the newest choice (the list follows the lab).
  const version = choices.some((c) => String(c.version) === picked)
    ? picked
    : String(choices[0]?.version ?? '');
  const checked = versionRequest({ version, reason });
  const confirm = () => {
    if (!checked.ok) return;
    run(`${text.verb}: ${model} v${version}…`, async () => {
      const path = `/v1/models/${encodeURIComponent(model)}:${action}`;
      const r = await api<GatedResult>(path, { token, method: 'POST', body: checked.body });
      const said = r.deployment ? deploymentText(model, r.deployment) : `${model}: done.`;
      return { kind: 'success', text: said, gates: r.gates };
    });
  };
  return (
    <fieldset className="team-action">
      <legend>{text.legend}</legend>
      {choices.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={selectId}>Version</label>
            <select id={selectId} value={version} onChange={(e) => setPicked(e.target.value)}>
              {choices.map((c) => (
                <option key={c.version} value={c.version}>
                  v{c.version} ({c.status})
                </option>
              ))}
            </select>
          </div>
          <ReasonField value={reason} onChange={setReason} />
          <ConfirmButton
            label={`${text.verb} ${model}…`}
            title={`${text.verb} ${model} to v${version}?`}
            confirmLabel={text.verb}
            disabled={!checked.ok}
            onConfirm={confirm}
          >
            <p>{text.explain}</p>
          </ConfirmButton>
          <Problem id={problemId} text={checked.ok ? null : checked.problem} />
        </>
      )}
    </fieldset>
  );
}

/** Train a new version on the most recent labelled events, and promote it if asked and it passes. */
export function RetrainAction({ token, model, run }: ActionProps) {
  const [last, setLast] = useState('5000');
  const [promote, setPromote] = useState(true);
  const [reason, setReason] = useState('');
  const lastId = useId();
  const hintId = useId();
  const problemId = useId();
  const checked = retrainRequest({ last, promote, reason });
  const events = checked.ok ? checked.body.last.toLocaleString('en') : last;
  const confirm = () => {
    if (!checked.ok) return;
    run(`Retraining ${model} on its last ${events} labelled events… this can take a while.`, async () => {
      const path = `/v1/models/${encodeURIComponent(model)}:retrain`;
      const options = { token, method: 'POST' as const, body: checked.body, timeoutMs: RETRAIN_TIMEOUT_MS };
      const r = await api<RetrainResult>(path, options);
      return { kind: r.promoted ? 'success' : 'info', text: retrainText(r, promote), gates: r.gates };
    });
  };
  return (
    <fieldset className="team-action">
      <legend>Retrain</legend>
      <div className="field">
        <label htmlFor={lastId}>Labelled events</label>
        <input
          id={lastId}
          type="number"
          min={RETRAIN_MIN}
          max={RETRAIN_MAX}
          step={1}
          value={last}
          aria-describedby={checked.ok ? hintId : `${hintId} ${problemId}`}
          aria-invalid={checked.ok ? undefined : true}
          onChange={(e) => setLast(e.target.value)}
        />
        <p id={hintId} className="hint">
          The most recent ones, {RETRAIN_MIN} to {RETRAIN_MAX.toLocaleString('en')}.
        </p>
      </div>
      <label className="team-check">
        <input type="checkbox" checked={promote} onChange={(e) => setPromote(e.target.checked)} />
        Promote it if it passes the gates
      </label>
      <ReasonField value={reason} onChange={setReason} />
      <ConfirmButton
        label={`Retrain ${model}…`}
        title={`Retrain ${model}?`}
        confirmLabel="Retrain"
        disabled={!checked.ok}
        onConfirm={confirm}
      >
        <p>
          A new version of {model}, trained on its last {events} labelled events
          {promote ? ', serves at once if it passes the promotion gates.' : ', kept as a candidate.'}
        </p>
      </ConfirmButton>
      <Problem id={problemId} text={checked.ok ? null : checked.problem} />
    </fieldset>
  );
}
