import { useState, type ReactNode } from 'react';
import { useFitCount } from './useFitCount.ts';

interface Props {
  total: number;
  /** What is paged, in the plural ("rows", "joins"). */
  noun: string;
  /** Open on the last page (the latest reads), not the first. */
  fromEnd?: boolean;
  /** The rows `from` (inclusive) to `to` (exclusive), and the pager to put in their caption. */
  children(from: number, to: number, pager: ReactNode): ReactNode;
}

/**
 * A table on a projector: as many rows as its box holds (measured), the others a page away, and
 * the pager says which are shown ("rows 9–16 of 20"), so no row is ever cut off silently.
 */
export function PagedRows({ total, noun, fromEnd = false, children }: Props) {
  const [box, per] = useFitCount<HTMLDivElement>(Math.max(1, total));
  const [first, setFirst] = useState<number>();
  const last = Math.max(0, total - per);
  const from = Math.min(last, first ?? (fromEnd ? last : 0));
  const to = Math.min(total, from + per);
  const pager = total > per && <Pager from={from} to={to} total={total} noun={noun} onPage={setFirst} />;
  return (
    <div ref={box} className="paged-rows">
      {children(from, to, pager)}
    </div>
  );
}

/** "rows 9–16 of 20", with buttons to the page before and after. */
export function Pager({ from, to, total, noun, onPage }: { from: number; to: number; total: number; noun: string; onPage(first: number): void }) {
  const per = to - from;
  return (
    <span className="pager">
      <button type="button" className="quiet" disabled={from === 0} onClick={() => onPage(Math.max(0, from - per))} aria-label={`Earlier ${noun}`}>
        ◀
      </button>
      <span>
        {noun} {to - from === 1 ? to : `${from + 1}–${to}`} of {total}
      </span>
      <button type="button" className="quiet" disabled={to >= total} onClick={() => onPage(Math.min(total - per, to))} aria-label={`Later ${noun}`}>
        ▶
      </button>
    </span>
  );
}
