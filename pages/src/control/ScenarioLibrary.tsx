import type { LibraryScenario } from '../api/types';
import { AnswerKeyView } from './AnswerKeyView';
import { DisclosureButton, useDisclosure } from './disclosure';

const COLUMNS = 6;

function ScenarioRows(props: { scenario: LibraryScenario }) {
  const s = props.scenario;
  const answer = useDisclosure();
  return (
    <>
      <tr className={s.runnable ? undefined : 'not-runnable'}>
        <th scope="row">
          <code>{s.id}</code>
        </th>
        <td>{s.title}</td>
        <td>{s.kind}</td>
        <td>
          {s.worlds.join(', ')}
          {!s.runnable && (
            <p className="hint">
              The lab does not run {s.worlds.length > 1 ? 'all of these worlds' : 'this world'}: it cannot be
              started here.
            </p>
          )}
        </td>
        <td className="brief">{s.brief}</td>
        <td>
          <DisclosureButton disclosure={answer} show="Show answer" hide="Hide answer" subject={s.id} />
        </td>
      </tr>
      {answer.open && (
        <tr className="answer-row">
          <td colSpan={COLUMNS}>
            <AnswerKeyView answer={s.answer} id={answer.id} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The built-in scenarios, each answer key kept back until the tutor asks for it. */
export function ScenarioLibrary(props: { scenarios: readonly LibraryScenario[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Scenario</th>
          <th scope="col">Title</th>
          <th scope="col">Kind</th>
          <th scope="col">Worlds</th>
          <th scope="col">Brief (what announced teams read)</th>
          <th scope="col">Answer key</th>
        </tr>
      </thead>
      <tbody>
        {props.scenarios.map((s) => (
          <ScenarioRows key={s.id} scenario={s} />
        ))}
      </tbody>
    </table>
  );
}
