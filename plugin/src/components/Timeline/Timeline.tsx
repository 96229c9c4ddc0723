import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { colorManipulator, dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../constants';
import { ColorBy, DriftMethod, MethodChoice } from '../../types';
import {
  cellDetail,
  ColorScale,
  featureLabel,
  formatScore,
  formatSeverity,
  TimelineAnnotation,
  TimelineModel,
  toRgba,
} from '../../viewmodel';
import { getSizes } from '../sizes';
import { getStyles } from './Timeline.styles';
import { timeTicks } from './timeAxis';

export interface LegendItem {
  label: string;
  color: string;
}

interface Props {
  model: TimelineModel;
  colorScale: ColorScale;
  legend: LegendItem[];
  annotations: TimelineAnnotation[];
  multiModel: boolean;
  method: MethodChoice;
  colorBy: ColorBy;
  width: number;
  height: number;
  lecture: boolean;
  timeZone?: TimeZone;
}

interface Hover {
  row: number;
  column: number;
  x: number;
  y: number;
}

/** Paints the cells: one pixel per cell into a small image, scaled up without smoothing. */
function paint(
  canvas: HTMLCanvasElement,
  model: TimelineModel,
  colorScale: ColorScale,
  width: number,
  height: number,
  separator: string
) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  const ctx = canvas.getContext('2d');
  if (!ctx || model.rows.length === 0) {
    return;
  }
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const { columns, values } = model;
  const rows = model.rows.length;
  const image = ctx.createImageData(columns, rows);
  const rgba = new Map<string, [number, number, number, number]>();
  const pixels = image.data;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      continue; // transparent: the plot background shows "no data"
    }
    const color = colorScale(v);
    let c = rgba.get(color);
    if (!c) {
      c = toRgba(color);
      rgba.set(color, c);
    }
    const p = i * 4;
    pixels[p] = c[0];
    pixels[p + 1] = c[1];
    pixels[p + 2] = c[2];
    pixels[p + 3] = c[3];
  }
  const cells = document.createElement('canvas');
  cells.width = columns;
  cells.height = rows;
  const cellsCtx = cells.getContext('2d');
  if (!cellsCtx) {
    return;
  }
  cellsCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  const range = model.to - model.from;
  const drawnWidth = ((columns * model.cellMs) / range) * canvas.width;
  ctx.drawImage(cells, 0, 0, columns, rows, 0, 0, drawnWidth, canvas.height);
  const rowHeight = canvas.height / rows;
  if (rowHeight >= 6 * ratio) {
    // Thin gaps between features so neighbouring rows of one colour stay apart.
    ctx.fillStyle = separator;
    for (let r = 1; r < rows; r++) {
      ctx.fillRect(0, Math.round(r * rowHeight) - Math.floor(ratio / 2), canvas.width, Math.max(1, Math.floor(ratio)));
    }
  }
}

export const Timeline: React.FC<Props> = ({
  model,
  colorScale,
  legend,
  annotations,
  multiModel,
  method,
  colorBy,
  width,
  height,
  lecture,
  timeZone,
}) => {
  const styles = useStyles2(getStyles, lecture);
  const theme = useTheme2();
  const s = getSizes(theme, lecture);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover>();

  const labels = useMemo(
    () => model.rows.map((r) => featureLabel(r.model, r.feature, multiModel)),
    [model.rows, multiModel]
  );
  const headerHeight = Math.ceil(s.title * 1.6);
  const axisHeight = Math.ceil(s.small * 2.2);
  const plotTop = headerHeight;
  const plotHeight = Math.max(0, height - headerHeight - axisHeight);
  const rowHeight = model.rows.length > 0 ? plotHeight / model.rows.length : 0;
  const showLabels = rowHeight >= s.small * 1.05;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const labelWidth = showLabels
    ? Math.min(Math.round(width * 0.35), Math.ceil(longest * s.small * 0.6) + s.gap * 2)
    : 0;
  const plotLeft = labelWidth;
  // Room on the right for the last time label, centred on the range's end.
  const plotWidth = Math.max(0, width - labelWidth - s.small * 2.5);
  const range = model.to - model.from;
  const xOf = (t: number) => ((t - model.from) / range) * plotWidth;

  useLayoutEffect(() => {
    if (canvasRef.current) {
      paint(canvasRef.current, model, colorScale, plotWidth, plotHeight, theme.colors.background.primary);
    }
  }, [model, colorScale, plotWidth, plotHeight, theme]);

  const ticks = useMemo(
    () => timeTicks(model.from, model.to, Math.max(1, Math.floor(plotWidth / (s.small * 7))), timeZone),
    [model.from, model.to, plotWidth, s.small, timeZone]
  );

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const row = Math.floor(y / (rowHeight || 1));
    const column = Math.floor(((x / (plotWidth || 1)) * range) / model.cellMs);
    if (row < 0 || row >= model.rows.length || column < 0 || column >= model.columns) {
      setHover(undefined);
      return;
    }
    setHover({ row, column, x, y });
  };

  const detail = hover ? cellDetail(model, hover.row, hover.column) : undefined;
  const what = method === 'auto' ? 'most severe test' : METHODS[method as DriftMethod].short;
  const title = `Drift over time · ${colorBy === 'severity' ? 'severity' : 'score'}, ${what}`;
  const lineWidth = lecture ? 4 : 2;
  const halo = theme.colors.background.primary;

  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.timeline}>
      <div className={styles.header} style={{ height: headerHeight }}>
        <span className={styles.title}>{title}</span>
        <span className={styles.legend}>
          {legend.map((item) => (
            <span key={item.label} className={styles.legendItem}>
              <span className={styles.swatch} style={{ background: item.color }} />
              {item.label}
            </span>
          ))}
        </span>
      </div>
      {showLabels && (
        <div className={styles.labels} style={{ top: plotTop, width: labelWidth, height: plotHeight }}>
          {labels.map((label, i) => (
            <div
              key={model.rows[i].key}
              className={styles.label}
              style={{ top: i * rowHeight, height: rowHeight, lineHeight: `${rowHeight}px` }}
              data-testid={TEST_IDS.timelineRowLabel}
              title={label}
            >
              {label}
            </div>
          ))}
        </div>
      )}
      <div
        className={styles.plot}
        style={{ left: plotLeft, top: plotTop, width: plotWidth, height: plotHeight }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
      >
        <canvas
          ref={canvasRef}
          className={styles.canvas}
          style={{ width: plotWidth, height: plotHeight }}
          data-testid={TEST_IDS.timelineCanvas}
          role="img"
          aria-label={`Drift of ${model.rows.length} features over time`}
        />
        <svg className={styles.overlay} width={plotWidth} height={plotHeight}>
          {annotations.map((a, i) => {
            const color = theme.visualization.getColorByName(a.color ?? 'blue');
            const x = Math.max(0, Math.min(plotWidth, xOf(a.time)));
            const x2 = a.timeEnd !== undefined ? Math.max(0, Math.min(plotWidth, xOf(a.timeEnd))) : undefined;
            const size = s.small * 1.3;
            return (
              <g key={`${a.time}-${i}`} data-testid={TEST_IDS.timelineAnnotation}>
                {x2 !== undefined && (
                  <rect
                    x={x}
                    width={Math.max(1, x2 - x)}
                    y={0}
                    height={plotHeight}
                    fill={colorManipulator.alpha(color, 0.16)}
                  />
                )}
                {[x, x2].map((at, k) =>
                  at === undefined ? null : (
                    // A halo in the background colour keeps the line visible on cells of its own colour.
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
                <Tooltip
                  placement="bottom"
                  content={
                    <div className={styles.annotationTooltip}>
                      <strong>{a.title || 'Annotation'}</strong>
                      {a.text && <span>{a.text}</span>}
                      <span className={styles.muted}>
                        {dateTimeFormat(a.time, { timeZone })}
                        {a.timeEnd !== undefined ? ` – ${dateTimeFormat(a.timeEnd, { timeZone })}` : ''}
                      </span>
                    </div>
                  }
                >
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
          })}
        </svg>
        {hover && (
          <div
            className={styles.card}
            data-testid={TEST_IDS.timelineTooltip}
            style={{
              left: hover.x > plotWidth / 2 ? undefined : hover.x + 12,
              right: hover.x > plotWidth / 2 ? plotWidth - hover.x + 12 : undefined,
              top: Math.min(hover.y + 12, Math.max(0, plotHeight - s.small * 5)),
            }}
          >
            <div className={styles.cardTitle}>{labels[hover.row]}</div>
            <div className={styles.muted}>
              {dateTimeFormat(model.from + hover.column * model.cellMs, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' })}
            </div>
            {detail ? (
              <div>
                {METHODS[detail.method as DriftMethod]?.short ?? detail.method}{' '}
                {formatScore(detail.method as DriftMethod, detail.score)} (threshold {detail.threshold}) · severity{' '}
                {formatSeverity(detail.severity)}
              </div>
            ) : (
              <div className={styles.muted}>no data</div>
            )}
          </div>
        )}
      </div>
      <div className={styles.axis} style={{ left: plotLeft, top: plotTop + plotHeight + s.gap / 2, width: plotWidth }}>
        {ticks.map((t) => (
          <span key={t.time} className={styles.tick} style={{ left: xOf(t.time) }}>
            {t.label}
          </span>
        ))}
      </div>
      {model.instant && (
        <div className={styles.note} style={{ top: plotTop + plotHeight + s.gap / 2 }}>
          one point per series: use a range query for the timeline
        </div>
      )}
    </div>
  );
};
