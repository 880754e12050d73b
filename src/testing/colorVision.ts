import { lab, rgb } from 'd3';

/**
 * Colour as the three dichromacies see it, for tests of categorical palettes: Machado, Oliveira and
 * Fernandes, "A Physiologically-based Model for Simulation of Color Vision Deficiency" (IEEE TVCG
 * 2009), their matrices at severity 1.0, applied to linear sRGB.
 */
export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

type Matrix = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

const MACHADO: Record<Vision, Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

export const VISIONS = Object.keys(MACHADO) as Vision[];

/** sRGB's transfer function, 0–255 to linear light 0–1, and back (clamped to the gamut). */
const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** The colour (any CSS colour d3 reads) as someone with `vision` sees it, as an sRGB hex string. */
export function simulate(color: string, vision: Vision): string {
  const c = rgb(color);
  const linear = [c.r, c.g, c.b].map(toLinear);
  const [r, g, b] = MACHADO[vision].map((row) => fromLinear(row[0] * linear[0]! + row[1] * linear[1]! + row[2] * linear[2]!));
  return rgb(r!, g!, b!).formatHex();
}

/** CIE76 colour difference ΔE*ab: the distance in CIELAB (D65), about 2.3 for a just-noticeable difference. */
export function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

/** Every pair of `colors` closer than `threshold` under any of the visions, described (name, ΔE, vision). */
export function confusedPairs(colors: readonly { name: string; color: string }[], threshold: number): string[] {
  const found: string[] = [];
  for (const vision of VISIONS)
    for (let i = 0; i < colors.length; i++)
      for (let j = i + 1; j < colors.length; j++) {
        const a = colors[i]!;
        const b = colors[j]!;
        const d = deltaE(simulate(a.color, vision), simulate(b.color, vision));
        if (d < threshold) found.push(`${a.name} ${a.color} and ${b.name} ${b.color}: ΔE ${d.toFixed(1)} under ${vision}`);
      }
  return found;
}
