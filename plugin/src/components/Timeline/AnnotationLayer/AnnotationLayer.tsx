import React from 'react';
import { colorManipulator, dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../../constants';
import { TimelineAnnotation } from '../../../viewmodel';
import { getSizes } from '../../sizes';
import { TimelineLayout } from '../layout';
import { getStyles } from './AnnotationLayer.styles';

interface Props {
  annotations: TimelineAnnotation[];
  layout: TimelineLayout;
  lecture: boolean;
  timeZone?: TimeZone;
}

/** The dashboard's annotations over the cells: regions shaded, a line at each end, a marker with the text. */
export const AnnotationLayer: React.FC<Props> = ({ annotations, layout, lecture, timeZone }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <svg className={styles.overlay} width={layout.plotWidth} height={layout.plotHeight}>
      {annotations.map((a, i) => (
        <AnnotationMark key={`${a.time}-${i}`} annotation={a} layout={layout} lecture={lecture} timeZone={timeZone} />
      ))}
    </svg>
  );
};

interface MarkProps extends Omit<Props, 'annotations'> {
  annotation: TimelineAnnotation;
}

const AnnotationMark: React.FC<MarkProps> = ({ annotation: a, layout, lecture, timeZone }) => {
  const styles = useStyles2(getStyles, lecture);
  const theme = useTheme2();
  const { plotWidth, plotHeight, xOf } = layout;
  const color = theme.visualization.getColorByName(a.color ?? 'blue');
  const x = Math.max(0, Math.min(plotWidth, xOf(a.time)));
  const x2 = a.timeEnd !== undefined ? Math.max(0, Math.min(plotWidth, xOf(a.timeEnd))) : undefined;
  const size = getSizes(theme, lecture).small * 1.3;
  const lineWidth = lecture ? 4 : 2;
  // A halo in the background colour keeps the line visible on cells of its own colour.
  const halo = theme.colors.background.primary;
  return (
    <g data-testid={TEST_IDS.timelineAnnotation}>
      {x2 !== undefined && (
        <rect x={x} width={Math.max(1, x2 - x)} y={0} height={plotHeight} fill={colorManipulator.alpha(color, 0.16)} />
      )}
      {[x, x2].map((at, k) =>
        at === undefined ? null : (
          <g key={k}>
            <line x1={at} x2={at} y1={0} y2={plotHeight} stroke={halo} strokeWidth={lineWidth + 2} />
            <line
              x1={at}
              x2={at}
              y1={0}
              y2={plotHeight}
              stroke={color}
              strokeWidth={lineWidth}
              strokeDasharray={k === 0 ? undefined : '6 3'}
            />
          </g>
        )
      )}
      <Tooltip placement="bottom" content={<AnnotationText annotation={a} lecture={lecture} timeZone={timeZone} />}>
        <path
          className={styles.marker}
          d={`M ${x - size / 2} 0 L ${x + size / 2} 0 L ${x} ${size} Z`}
          fill={color}
          stroke={halo}
          strokeWidth={lecture ? 2 : 1}
          aria-label={a.title}
        />
      </Tooltip>
    </g>
  );
};

const AnnotationText: React.FC<Omit<MarkProps, 'layout'>> = ({ annotation: a, lecture, timeZone }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <div className={styles.annotationTooltip}>
      <strong>{a.title || 'Annotation'}</strong>
      {a.text && <span>{a.text}</span>}
      <span className={styles.muted}>
        {dateTimeFormat(a.time, { timeZone })}
        {a.timeEnd !== undefined ? ` – ${dateTimeFormat(a.timeEnd, { timeZone })}` : ''}
      </span>
    </div>
  );
};
