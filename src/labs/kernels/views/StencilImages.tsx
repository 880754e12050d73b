import { Figure } from '../../../ui/Figure.tsx';
import { Player } from '../../../ui/Player.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { ShownImage } from '../useKernelsImage.ts';
import { ImageFrames, type Frame } from './ImageFrames.tsx';

interface Props {
  input: ShownImage;
  /** The recorded frames of the last run (input and output included), or none yet. */
  frames: readonly Frame[];
  position: number;
  onSeek(position: number): void;
  stale: boolean;
  fontSize: number;
  maxHeight: number;
}

/** For stencils: the input beside the output, and an iteration slider over the recorded frames. */
export function StencilImages({ input, frames, position, onSeek, stale, fontSize, maxHeight }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const at = Math.min(position, Math.max(0, frames.length - 1));
  const output = frames.length > 0 && !stale ? frames[at] : undefined;
  const sameSize = output === undefined || output.pixels.length === input.width * input.height;
  return (
    <Figure title="Stencil: input and output" exportName="kernels-images" className="kn-fig-images">
      <div ref={box} className="kn-images-box">
        <ImageFrames width={input.width} height={input.height} input={{ iteration: 0, pixels: input.pixels }} output={sameSize ? output : undefined} boxWidth={Math.max(240, size.width - 8)} maxHeight={maxHeight} fontSize={fontSize} inputName={input.name} />
      </div>
      {frames.length > 1 && !stale && (
        <Player length={frames.length} position={at} onSeek={onSeek} describe={(p) => `after iteration ${frames[p]?.iteration ?? 0}`} label="Iterations" />
      )}
      {stale && frames.length > 0 && <p className="kn-note">The program, the image or the settings changed: run again to see the new output.</p>}
    </Figure>
  );
}
