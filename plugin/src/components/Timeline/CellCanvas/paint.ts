import { ColorScale, TimelineModel, toRgba } from '../../../viewmodel';

/** Paints the cells: one pixel per cell into a small image, scaled up without smoothing. */
export function paint(
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
