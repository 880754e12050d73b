import { useContext } from 'react';
import { Figure } from '../../../ui/Figure.tsx';
import { FigureZoomContext } from '../../../ui/present/presentContext.ts';
import { useFitCount } from '../../../ui/present/useFitCount.ts';
import { formatMs } from '../names.ts';
import { MessageDiagram, type MessageDiagramProps } from './MessageDiagram.tsx';
import { FAMILY_KEY } from './messageStyle.ts';

interface Props extends Omit<MessageDiagramProps, 'height'> {
  now: number;
  onBackground(on: boolean): void;
  /** On a projector: the diagram takes the pane's height (the steps of it that fit, measured), never more. */
  present: boolean;
}

/** Steps of the pane's height the diagram may take on a projector (it takes the most that fit). */
const STEPS = 24;

/** The Messages tab: the Lamport diagram with its key, and whether background traffic is drawn. */
export function MessagesPane({ trace, config, position, width, selectedKey, now, background, onBackground, present }: Props) {
  const [box, steps, size] = useFitCount<HTMLDivElement>(STEPS);
  const zoom = useContext(FigureZoomContext);
  const height = present ? Math.floor(((size.height / zoom) * steps) / STEPS) : undefined;
  return (
    <div ref={box} className={present ? 'dyn-messages present' : 'dyn-messages'}>
      <label className="dyn-check">
        <input type="checkbox" checked={background} onChange={(e) => onBackground(e.target.checked)} />
        <span>also gossip, hand-off, anti-entropy and transfers</span>
      </label>
      {(!present || size.height > 0) && (
        <Figure title={`Messages up to ${formatMs(now)} (Lamport diagram)`} exportName="dynamo-messages" figureKey={FAMILY_KEY}>
          <MessageDiagram trace={trace} config={config} position={position} width={width - 24} selectedKey={selectedKey} background={background} {...(height === undefined ? {} : { height })} />
        </Figure>
      )}
      <p className="dyn-families">○ request starts, ● succeeds, ✕ fails or is lost · ■ version stored (orange: as a hint) · a band: the node is down</p>
    </div>
  );
}
