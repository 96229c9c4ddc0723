import React, { useState } from 'react';
import { Icon, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { Issue } from '../../viewmodel';
import { getStyles } from './Notices.styles';

interface Props {
  notes: Issue[];
  lecture: boolean;
}

/** Problems with part of the data, under a view that still renders: one line, expandable. */
export const Notices: React.FC<Props> = ({ notes, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const [open, setOpen] = useState(false);
  if (notes.length === 0) {
    return null;
  }
  const shown = open ? notes : notes.slice(0, 1);
  return (
    <div className={styles.wrapper} data-testid={TEST_IDS.notices} role="note">
      <Icon name={notes[0].level === 'info' ? 'info-circle' : 'exclamation-triangle'} className={styles.icon} />
      <div className={styles.list}>
        {shown.map((n) => (
          <div key={n.message} className={open ? styles.line : styles.collapsed} title={n.message}>
            {n.message}
          </div>
        ))}
      </div>
      {notes.length > 1 && (
        <button type="button" className={styles.toggle} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'less' : `+${notes.length - 1} more`}
        </button>
      )}
    </div>
  );
};
