import type { DynamoSummary } from '../../../engines/dynamo/measure/summary.ts';
import { formatMs } from '../names.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** The metrics table's rows about values: the lattice, deletions that stuck or came back, counters, threshold reads. */
export function LatticeRows({ s }: { s: DynamoSummary }) {
  const lost = s.replicas.lostUpdates;
  const lattice = s.lattice;
  const t = lattice?.thresholdReads;
  return (
    <>
      {lattice && (
        <tr>
          <th>replica values</th>
          <td className="num">lattice</td>
          <td>{lattice.title}: every merge is a join, so a read never returns siblings</td>
        </tr>
      )}
      {lost.removals > 0 && (
        <tr>
          <th>deletions undone</th>
          <td className="num">{n(lost.resurrected)}</td>
          <td>
            of {n(lost.removals)} item{lost.removals === 1 ? '' : 's'} whose last acknowledged write removed {lost.removals === 1 ? 'it' : 'them'}, back in the cart at the end
          </td>
        </tr>
      )}
      {lost.counter && (
        <tr>
          <th>counter</th>
          <td className="num">{n(lost.counter.finalValue)}</td>
          <td>
            at the end, summed over keys; {n(lost.counter.expected)} by the acknowledged updates, {n(lost.counter.lost)} of {n(lost.counter.audited)}
            {lost.counter.audited < lost.counter.acknowledged ? ' audited' : ''} of them not reflected
          </td>
        </tr>
      )}
      {t && t.issued > 0 && (
        <tr>
          <th>threshold reads</th>
          <td className="num">{formatMs(t.latencyMs.mean)}</td>
          <td>
            mean wait of {n(t.passed)} that passed (median {formatMs(t.latencyMs.p50)}, 99th {formatMs(t.latencyMs.p99)}); {n(t.timedOut)} of {n(t.issued)} timed out; {n(t.polls)} reads sent
          </td>
        </tr>
      )}
    </>
  );
}
