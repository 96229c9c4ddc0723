import React from 'react';
import { Icon, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { getStyles } from './PanelMessage.styles';

interface Props {
  title: string;
  detail?: string;
  reasons?: string[];
  lecture?: boolean;
}

/** What the panel shows instead of a view: what is wrong and what the query should be. */
export const PanelMessage: React.FC<Props> = ({ title, detail, reasons = [], lecture = false }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <div className={styles.wrapper} data-testid={TEST_IDS.message} role="status">
      <div className={styles.box}>
        <p className={styles.title}>
          <Icon name="exclamation-triangle" size={lecture ? 'xxl' : 'lg'} className={styles.icon} />
          {title}
        </p>
        {detail && <p className={styles.detail}>{detail}</p>}
        {reasons.length > 0 && (
          <ul className={styles.reasons}>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
};

interface BoundaryProps {
  lecture: boolean;
  children: React.ReactNode;
}

interface BoundaryState {
  error?: Error;
}

/**
 * Last line of defence: the view models never throw on bad frames, but a rendering bug must still
 * end as a message inside the panel, not a blank dashboard tile.
 */
export class PanelErrorBoundary extends React.Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = {};

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <PanelMessage
          title="The drift panel could not render this data"
          detail={String(this.state.error.message || this.state.error)}
          lecture={this.props.lecture}
        />
      );
    }
    return this.props.children;
  }
}
