import type { ScoreboardRow } from '../api/types';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import { PolledView } from '../ui/PolledView';
import { ScoreboardTable } from '../ui/ScoreboardTable';

/** The team's own scoreboard rows; a "–" is what the tutor keeps back until the reveal. */
export function StandingSection({ polled }: { polled: Polled<readonly ScoreboardRow[]> }) {
  return (
    <Section title="Your standing">
      <PolledView polled={polled}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No scores yet: they come with an announced or revealed incident.</p>
          ) : (
            <div className="team-scroll">
              <ScoreboardTable rows={rows} teams={false} caption="Your team’s scores per incident" />
            </div>
          )
        }
      </PolledView>
    </Section>
  );
}
