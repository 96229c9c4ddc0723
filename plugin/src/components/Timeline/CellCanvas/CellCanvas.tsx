import React, { useLayoutEffect, useRef } from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../../constants';
import { ColorScale, TimelineModel } from '../../../viewmodel';
import { getStyles } from './CellCanvas.styles';
import { paint } from './paint';

interface Props {
  model: TimelineModel;
  colorScale: ColorScale;
  width: number;
  height: number;
  lecture: boolean;
}

/** The cells, painted on a canvas: an element per cell would be thousands of them. */
export const CellCanvas: React.FC<Props> = ({ model, colorScale, width, height, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const theme = useTheme2();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (canvasRef.current) {
      paint(canvasRef.current, model, colorScale, width, height, theme.colors.background.primary);
    }
  }, [model, colorScale, width, height, theme]);
  return (
    <canvas
      ref={canvasRef}
      className={styles.canvas}
      style={{ width, height }}
      data-testid={TEST_IDS.timelineCanvas}
      role="img"
      aria-label={`Drift of ${model.rows.length} features over time`}
    />
  );
};
