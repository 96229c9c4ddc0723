import { useState } from 'react';
import { ApiError } from '../api/client';
import type { CatalogueModel, ModelVersion } from '../api/types';
import { gatesOf, servingVersion } from '../core/recovery';
import { Notice } from '../ui/Notice';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import { GateChecks } from './GateChecks';
import type { TeamModels } from './load';
import { PolledView } from '../ui/PolledView';
import { RetrainAction, VersionAction, type ActionResult, type RunAction } from './RecoveryActions';

/** Recovery: per model, roll back, promote or retrain, each confirmed first, and what it did. */
export function RecoverySection(props: { token: string; polled: Polled<TeamModels>; onChanged: () => void }) {
  return (
    <Section title="Recovery">
      <p className="hint">
        Recover where the model is the problem: retrain on recent labelled data after drift, once the change
        has settled; roll back or promote when a version made things worse. Serving faults, broken inputs or
        labels and floods are not in the model: no action here ends them.
      </p>
      <PolledView polled={props.polled}>
        {({ catalogue, versions }) =>
          catalogue.models.map((model) => {
            const list = versions[model.name];
            return typeof list === 'string' ? (
              <Notice key={model.name} kind="error">
                {model.name}: {list}
              </Notice>
            ) : (
              <ModelRecovery
                key={model.name}
                token={props.token}
                model={model}
                versions={list ?? []}
                onChanged={props.onChanged}
              />
            );
          })
        }
      </PolledView>
    </Section>
  );
}

/** What went wrong, with the gate results a refused promotion carries. */
function failure(e: unknown): ActionResult {
  if (e instanceof ApiError) return { kind: 'error', text: e.message, gates: gatesOf(e.body) };
  return { kind: 'error', text: String(e) };
}

function ModelRecovery(props: {
  token: string;
  model: CatalogueModel;
  versions: readonly ModelVersion[];
  onChanged: () => void;
}) {
  const { token, model, versions, onChanged } = props;
  const [result, setResult] = useState<ActionResult>();
  const [busy, setBusy] = useState<string>();
  // One action at a time per model: the buttons stay focusable (keyboard users keep their place).
  const run: RunAction = (what, request) => {
    if (busy) return;
    setBusy(what);
    setResult(undefined);
    request()
      .then(setResult, (e: unknown) => setResult(failure(e)))
      .finally(() => {
        setBusy(undefined);
        onChanged();
      });
  };
  const serving = servingVersion(versions);
  const actions = { token, model: model.name, versions, run };
  return (
    <div className="team-recovery">
      <h3>
        {model.title} <code>{model.name}</code>{' '}
        <span className="muted">{serving === null ? 'no version serves' : `v${serving} serves`}</span>
      </h3>
      <div className="team-recovery-actions">
        <VersionAction action="rollback" {...actions} />
        <VersionAction action="promote" {...actions} />
        <RetrainAction {...actions} />
      </div>
      {busy && <Notice kind="info">{busy}</Notice>}
      {result && (
        <Notice kind={result.kind}>
          <p>{result.text}</p>
          {result.gates && <GateChecks gates={result.gates} />}
        </Notice>
      )}
    </div>
  );
}
