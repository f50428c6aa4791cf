// Renders a Vega-Lite spec headlessly to SVG and PNG (vega's SVG renderer, rasterised by sharp/librsvg).
import { writeFileAtomic } from '../util/atomic-write.js';

/** A Vega-Lite spec as plain JSON (validated by vega-lite's compiler at render time). */
export type VegaLiteSpec = Record<string, unknown>;

export interface RenderedChart {
  readonly svg: string;
  readonly png: Buffer;
}

/** Compiles and renders a Vega-Lite spec; `scale` multiplies the PNG resolution. */
export async function renderVegaLite(spec: VegaLiteSpec, scale = 2): Promise<RenderedChart> {
  const [vega, vegaLite, sharpModule] = await Promise.all([import('vega'), import('vega-lite'), import('sharp')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG(scale);
  view.finalize();
  const png = await sharpModule.default(Buffer.from(svg), { density: 72 * scale }).png({ compressionLevel: 9 }).toBuffer();
  return { svg, png };
}

/** Renders a chart to `<base>.svg` and `<base>.png`, each written to a temporary name and renamed. */
export async function writeChart(spec: VegaLiteSpec, base: string): Promise<void> {
  const { svg, png } = await renderVegaLite(spec);
  writeFileAtomic(`${base}.svg`, svg);
  writeFileAtomic(`${base}.png`, png);
}
