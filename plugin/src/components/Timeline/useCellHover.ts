import React, { useState } from 'react';

import { TimelineModel } from '../../viewmodel';
import { TimelineLayout } from './layout';

export interface CellHover {
  row: number;
  column: number;
  /** The pointer, relative to the plot. */
  x: number;
  y: number;
}

/** The cell under the pointer, from the plot's mouse events. */
export function useCellHover(model: TimelineModel, { plotWidth, rowHeight }: TimelineLayout) {
  const [hover, setHover] = useState<CellHover>();
  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const row = Math.floor(y / (rowHeight || 1));
    const column = Math.floor(((x / (plotWidth || 1)) * (model.to - model.from)) / model.cellMs);
    if (row < 0 || row >= model.rows.length || column < 0 || column >= model.columns) {
      setHover(undefined);
      return;
    }
    setHover({ row, column, x, y });
  };
  return { hover, onMove, onLeave: () => setHover(undefined) };
}
