import type { LawReport } from '../../../engines/lvars/lattice/laws.ts';

/** The lattice-law check of every declared lattice, with a counterexample when one fails. */
export function LawReports({ laws }: { laws: LawReport[] }) {
  if (laws.length === 0) return null;
  return (
    <ul className="lv-laws" aria-label="Lattice laws">
      {laws.map((l) => (
        <li key={l.lattice} className={l.ok ? 'ok' : 'bad'}>
          {l.ok ? (
            <>
              <span className="badge badge-ok">lattice</span> <strong>{l.lattice}</strong> obeys the laws:{' '}
              {l.exhaustive ? `every triple of its ${l.elements} elements checked` : `${l.checks.toLocaleString('en-US')} joins on ${l.elements} sample elements (property-based, not a proof)`}.
            </>
          ) : (
            <>
              <span className="badge badge-err">not a lattice</span> <strong>{l.lattice}</strong>:{' '}
              {l.violations.map((v) => (
                <span key={v.law} className="lv-violation">
                  not {v.law}: <span className="mono">{v.text}</span>{' '}
                </span>
              ))}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
