import type { CatalogueModel, ModelVersion } from '../api/types';
import { formatTime } from '../core/format';
import { holdoutText, servingVersion } from '../core/recovery';
import { Notice } from '../ui/Notice';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import type { TeamModels } from './load';
import { PolledView } from '../ui/PolledView';

/** The team's models: each one's versions, which one serves, their holdout quality and gates. */
export function ModelsSection({ polled }: { polled: Polled<TeamModels> }) {
  return (
    <Section title="Models">
      <PolledView polled={polled}>
        {({ catalogue, versions }) =>
          catalogue.models.map((model) => (
            <ModelVersions key={model.name} model={model} versions={versions[model.name]} />
          ))
        }
      </PolledView>
    </Section>
  );
}

function ModelVersions(props: {
  model: CatalogueModel;
  versions: readonly ModelVersion[] | string | undefined;
}) {
  const { model, versions } = props;
  const list = Array.isArray(versions) ? (versions as readonly ModelVersion[]) : [];
  const serving = servingVersion(list);
  return (
    <div className="team-model">
      <h3>
        {model.title} <code>{model.name}</code>
      </h3>
      <p className="muted">
        {model.task} · {model.features.length} features ·{' '}
        {serving === null ? 'no version serves' : `v${serving} serves`}
      </p>
      {typeof versions === 'string' && <Notice kind="error">{versions}</Notice>}
      {list.length > 0 && (
        <div className="team-scroll">
          <table>
            <caption className="sr-only">Versions of {model.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Trained</th>
                <th scope="col">Holdout</th>
                <th scope="col">Gates</th>
              </tr>
            </thead>
            <tbody>
              {[...list].reverse().map((v) => (
                <tr key={v.version}>
                  <th scope="row">v{v.version}</th>
                  <td>
                    <span className={`badge badge-${v.status}`}>{v.status}</span>
                  </td>
                  <td>{formatTime(v.createdAt)}</td>
                  <td>{v.problem ?? holdoutText(v.holdout)}</td>
                  <td>{gatesText(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function gatesText(v: ModelVersion): string {
  if (!v.gates) return '–';
  if (v.gates.passed) return 'passed';
  return `failed ${v.gates.checks.filter((c) => !c.passed).length} of ${v.gates.checks.length}`;
}
