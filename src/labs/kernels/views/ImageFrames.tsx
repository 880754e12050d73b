import { useMemo } from 'react';
import { displayRange, greyToRgba } from '../image/grey.ts';

export interface Frame {
  iteration: number;
  pixels: Float32Array;
}

interface Props {
  width: number;
  height: number;
  input: Frame;
  /** The frame the iteration slider stands on; undefined before a run. */
  output: Frame | undefined;
  /** Room for both pictures side by side. */
  boxWidth: number;
  maxHeight: number;
  fontSize: number;
  inputName: string;
}

/** A grey frame as a PNG data URL, drawn in the range of the input (so later frames compare fairly). */
function toDataUrl(frame: Frame, width: number, height: number, range: [number, number]): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.putImageData(new ImageData(greyToRgba(frame.pixels, range[0], range[1]), width, height), 0, 0);
  return canvas.toDataURL('image/png');
}

/**
 * The stencil's input and output side by side, as one SVG (so the figure exports both with their
 * captions). Small images are enlarged without smoothing, so each pixel stays visible.
 */
export function ImageFrames({ width, height, input, output, boxWidth, maxHeight, fontSize, inputName }: Props) {
  const range = useMemo(() => displayRange(input.pixels), [input]);
  const inputUrl = useMemo(() => toDataUrl(input, width, height, range), [input, width, height, range]);
  const outputUrl = useMemo(() => (output ? toDataUrl(output, width, height, range) : undefined), [output, width, height, range]);
  const gap = 16;
  const caption = fontSize * 1.8;
  const side = Math.max(80, Math.min((boxWidth - gap) / 2, ((maxHeight - caption) * width) / height));
  const scale = side / width;
  const h = height * scale;
  const pixelated = scale >= 1.5;
  const picture = (url: string | undefined, x: number, title: string, testId: string) => (
    <g transform={`translate(${x},0)`} data-testid={testId}>
      <text x={side / 2} y={fontSize} textAnchor="middle" fontSize={fontSize} fontWeight={600} className="kn-image-caption">
        {title}
      </text>
      {url ? (
        <image href={url} x={0} y={caption} width={side} height={h} preserveAspectRatio="none" style={{ imageRendering: pixelated ? 'pixelated' : 'auto' }} />
      ) : (
        <>
          <rect x={0} y={caption} width={side} height={h} fill="#f3f4f6" stroke="#d5dae1" />
          <text x={side / 2} y={caption + h / 2} textAnchor="middle" fontSize={fontSize} className="kn-image-empty">
            Run to see the result
          </text>
        </>
      )}
      <rect x={0} y={caption} width={side} height={h} fill="none" stroke="#59626e" />
    </g>
  );
  return (
    <svg width={side * 2 + gap} height={h + caption + 4} role="img" aria-label={`Input and output images, ${width}×${height}`} className="kn-images" data-iteration={output?.iteration ?? -1}>
      {picture(inputUrl, 0, `input: ${inputName}, ${width}×${height}`, 'image-input')}
      {picture(outputUrl, side + gap, output ? `after ${output.iteration} iteration${output.iteration === 1 ? '' : 's'}` : 'output', 'image-output')}
    </svg>
  );
}
