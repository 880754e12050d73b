import { useElementSize } from '../../ui/useElementSize.ts';
import type { ViewMode } from '../types.tsx';
import { useViewportHeight } from './useViewportHeight.ts';

/**
 * The sizes of the Dynamo stage: the ring as large as the width and the window allow while the
 * player stays on screen (larger on a projector), the tab panel in the rest of the width.
 */
export function useDynamoLayout(mode: ViewMode) {
  const [stageRef, stage] = useElementSize<HTMLDivElement>();
  const [tabRef, tabSize] = useElementSize<HTMLDivElement>();
  const viewport = useViewportHeight();
  const embed = mode === 'embed';
  const present = mode === 'present';
  const stageWidth = stage.width || 900;
  const ringSize = Math.round(
    embed ? Math.max(280, Math.min(stageWidth, viewport - 260)) : Math.max(present ? 280 : 320, Math.min(present ? 760 : 640, stageWidth * 0.46, viewport - (present ? 500 : 390))),
  );
  const tabWidth = Math.max(320, tabSize.width || stageWidth - ringSize - 24);
  return { stageRef, tabRef, ringSize, tabWidth };
}
