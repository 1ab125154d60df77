/**
 * An indexed-colour canvas: one byte per pixel, an index into a small fixed palette.
 *
 * A card is a few flat colours with anti-aliased text on top, and each text sits on a background
 * the template knows. So the palette is built from the pairs of colours the template draws
 * (ink on paper, chip text on chip, …), each as a ramp of a few blends from background to
 * foreground, and drawing a shape is choosing, per pixel, the step of its ramp nearest to the
 * shape's coverage. Nothing is quantised afterwards and the pixels are already what the PNG stores.
 */

/** `#rrggbb`. */
export type Hex = string;

export interface RampSpec {
  bg: Hex;
  fg: Hex;
  /** Steps from bg to fg inclusive (at least 2). More steps, smoother edges, more colours. */
  steps: number;
}

/** Palette indices from the background (step 0) to the foreground (last step). */
export type Ramp = Uint8Array;

export interface Palette {
  /** RGB triplets, one per index. */
  rgb: Uint8Array;
  size: number;
  ramps: Ramp[];
}

const channels = (hex: Hex): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`cards: "${hex}" is not a #rrggbb colour`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
};

/** One ramp per spec, in order; colours that recur (a background shared by ramps) get one index. */
export function buildPalette(specs: RampSpec[]): Palette {
  const colours: string[] = [];
  const indexOf = (rgb: number[]): number => {
    const key = rgb.join(',');
    let i = colours.indexOf(key);
    if (i < 0) i = colours.push(key) - 1;
    return i;
  };
  const ramps = specs.map(({ bg, fg, steps }) => {
    if (steps < 2) throw new Error('cards: a ramp needs at least two steps');
    const [from, to] = [channels(bg), channels(fg)];
    return Uint8Array.from({ length: steps }, (_, s) => indexOf(from.map((c, k) => Math.round(c + ((to[k]! - c) * s) / (steps - 1)))));
  });
  if (colours.length > 256) throw new Error(`cards: ${colours.length} colours do not fit a PNG palette`);
  return { rgb: Uint8Array.from(colours.flatMap((c) => c.split(',').map(Number))), size: colours.length, ramps };
}

/** Coverage of a shape: 0 (outside) to 255 (inside), one byte per pixel, row by row. */
export interface Mask {
  width: number;
  height: number;
  alpha: Uint8Array;
}

const steps = new WeakMap<Ramp, Int16Array>();
/** Which step of the ramp each palette index is, -1 for none. */
function stepsOf(ramp: Ramp): Int16Array {
  let table = steps.get(ramp);
  if (!table) {
    table = new Int16Array(256).fill(-1);
    for (const [s, index] of ramp.entries()) table[index] = s;
    steps.set(ramp, table);
  }
  return table;
}

export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;

  constructor(width: number, height: number, background: number) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height).fill(background);
  }

  /** Fills a rectangle (clipped to the canvas) with one palette index. */
  fill(x: number, y: number, width: number, height: number, index: number): void {
    const [x0, x1] = [Math.max(0, Math.round(x)), Math.min(this.width, Math.round(x + width))];
    for (let row = Math.max(0, Math.round(y)); row < Math.min(this.height, Math.round(y + height)); row++) {
      this.pixels.fill(index, row * this.width + x0, row * this.width + x1);
    }
  }

  /**
   * Draws a mask with its top-left corner at (x, y) in the ramp's foreground. A pixel already
   * on the ramp (where two glyphs touch) keeps the stronger of the two coverages; any other
   * pixel is taken to be the ramp's background, which is what the template guarantees.
   */
  draw(mask: Mask, x: number, y: number, ramp: Ramp): void {
    const last = ramp.length - 1;
    const stepOf = stepsOf(ramp);
    for (let my = 0; my < mask.height; my++) {
      const row = y + my;
      if (row < 0 || row >= this.height) continue;
      for (let mx = 0; mx < mask.width; mx++) {
        const a = mask.alpha[my * mask.width + mx]!;
        if (a === 0) continue;
        const col = x + mx;
        if (col < 0 || col >= this.width) continue;
        const step = Math.round((a * last) / 255);
        if (step === 0) continue;
        const at = row * this.width + col;
        if (step > stepOf[this.pixels[at]!]!) this.pixels[at] = ramp[step]!;
      }
    }
  }
}
