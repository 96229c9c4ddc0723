import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { getStyles } from './Pane.styles';

interface Props {
  width: number;
  height: number;
  children: React.ReactNode;
}

/** A fixed-size box for one view: the view sizes itself to it and never pushes its neighbour. */
export const Pane: React.FC<Props> = ({ width, height, children }) => {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.pane} style={{ width, height }}>
      {children}
    </div>
  );
};
