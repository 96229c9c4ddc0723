import { useId, useRef, useState } from 'react';
import { api } from '../api/client';
import type { RecordEvent } from '../api/types';
import { RECORD_FILTERS, recordPath, timelineOf, timeOfDay } from '../core/record-timeline';
import { usePoll } from '../ui/usePoll';
import { PolledView } from '../ui/PolledView';

interface RecordPage {
  /** The filter it was asked with: an answer to an earlier filter is not shown under a new one. */
  readonly prefix: string;
  readonly events: readonly RecordEvent[];
}

/** The record's newest events under a filter the tutor picks, polled like the rest of the page. */
export function useRecord(token: string, everyMs: number) {
  const [prefix, setPrefix] = useState('');
  // Read when a load runs, so a new filter is asked for at once (usePoll keeps its loader until
  // the next render's effect).
  const asked = useRef('');
  const polled = usePoll(async (): Promise<RecordPage> => {
    const wanted = asked.current;
    const { events } = await api<{ events: RecordEvent[] }>(recordPath(wanted), { token });
    return { prefix: wanted, events };
  }, everyMs);
  const choose = (next: string) => {
    asked.current = next;
    setPrefix(next);
    polled.reload();
  };
  return { polled, prefix, choose };
}

function Timeline(props: { events: readonly RecordEvent[] }) {
  const days = timelineOf(props.events);
  if (days.length === 0) return <p className="muted">Nothing recorded under this filter yet.</p>;
  return (
    <table className="timeline">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Model</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      {days.map((day) => (
        <tbody key={day.key}>
          <tr className="day">
            <th scope="rowgroup" colSpan={5}>
              {day.label}
            </th>
          </tr>
          {day.rows.map((r) => (
            <tr key={r.id} className={`family-${r.family}`}>
              <td className="num">{timeOfDay(r.at)}</td>
              <td>{r.actor}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>{r.model ?? '–'}</td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

export function RecordTimeline(props: { record: ReturnType<typeof useRecord> }) {
  const { polled, prefix, choose } = props.record;
  const id = useId();
  const current = polled.data?.prefix === prefix ? polled : { ...polled, data: undefined };
  return (
    <>
      <div className="field inline">
        <label htmlFor={id}>Show</label>
        <select id={id} value={prefix} onChange={(e) => choose(e.target.value)}>
          {RECORD_FILTERS.map((f) => (
            <option key={f.prefix} value={f.prefix}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <PolledView polled={current} what="the record">
        {(page) => <Timeline events={page.events} />}
      </PolledView>
    </>
  );
}
