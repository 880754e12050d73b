import { useEffect, useMemo, useState } from 'react';
import { findLab } from '../../labs/registry.ts';
import type { LoadedLab } from '../../labs/types.tsx';
import type { Scenario } from '../../scenario/types.ts';
import { loadLab } from '../../shell/labLoader.ts';
import { Icon } from '../../ui/Player.tsx';
import { PlayerHub, PlayerHubContext, usePlayerRegistration, type PlayerControls } from '../../ui/playerHub.ts';
import { differences } from './diff.ts';

/** Rows of the "what differs" table: a compare is about one or two changes; more are summarised. */
const SHOWN_DIFFERENCES = 5;

interface CompareViewProps {
  a: Scenario;
  b: Scenario;
  onExit(): void;
}

/**
 * Two scenarios of one lab side by side (R = 1 against R = 2, Reluplex against symbolic bounds,
 * naive against fused), each on its own engine run, both moved by one player: the shared
 * controls (and the keyboard) step, play and seek the two replays together. Above them, the
 * settings in which they differ.
 */
export function CompareView({ a, b, onExit }: CompareViewProps) {
  const [lab, setLab] = useState<LoadedLab | string>();
  const [left, setLeft] = useState(a);
  const [right, setRight] = useState(b);
  const hubs = useMemo(() => [new PlayerHub(), new PlayerHub()] as const, []);

  useEffect(() => {
    const entry = findLab(a.lab);
    if (!entry || a.lab !== b.lab) return setLab('Only two scenarios of the same lab can be compared.');
    let live = true;
    loadLab(entry)
      .then((loaded) => live && setLab(loaded))
      .catch(() => live && setLab(`The ${entry.title} lab could not be loaded.`));
    return () => {
      live = false;
    };
  }, [a.lab, b.lab]);

  const both: PlayerControls = useMemo(
    () => ({
      togglePlay: () => hubs.forEach((h) => h.active?.togglePlay()),
      step: (delta) => hubs.forEach((h) => h.active?.step(delta)),
      seekEdge: (edge) => hubs.forEach((h) => h.active?.seekEdge(edge)),
    }),
    [hubs],
  );
  usePlayerRegistration(both);
  const changed = differences(a.config, b.config, SHOWN_DIFFERENCES + 1);

  return (
    <main className="lab compare" aria-busy={lab === undefined} aria-label="Compare two scenarios">
      <header className="compare-head">
        <div className="compare-player player" role="group" aria-label="Both replays">
          <button type="button" onClick={() => both.seekEdge('start')} aria-label="Both to the start">
            <Icon name="start" />
          </button>
          <button type="button" onClick={() => both.step(-1)} aria-label="Both one step back">
            <Icon name="back" />
          </button>
          <button type="button" onClick={both.togglePlay} aria-label="Play or pause both">
            <Icon name="play" />
          </button>
          <button type="button" onClick={() => both.step(1)} aria-label="Both one step forward">
            <Icon name="forward" />
          </button>
          <button type="button" onClick={() => both.seekEdge('end')} aria-label="Both to the end">
            <Icon name="end" />
          </button>
        </div>
        <table className="data compare-diff" aria-label="What differs">
          <thead>
            <tr>
              <th>setting</th>
              <th>A: {a.title}</th>
              <th>B: {b.title}</th>
            </tr>
          </thead>
          <tbody>
            {changed.length === 0 ? (
              <tr>
                <td colSpan={3}>The settings are the same{a.seed === b.seed ? '' : `; the seeds differ (${a.seed}, ${b.seed})`}.</td>
              </tr>
            ) : (
              changed.slice(0, SHOWN_DIFFERENCES).map((d) => (
                <tr key={d.path}>
                  <td>{d.path}</td>
                  <td>{d.a}</td>
                  <td>{d.b}</td>
                </tr>
              ))
            )}
            {changed.length > SHOWN_DIFFERENCES && (
              <tr>
                <td colSpan={3}>… and more</td>
              </tr>
            )}
          </tbody>
        </table>
        <button type="button" className="quiet" onClick={onExit}>
          Leave compare
        </button>
      </header>
      {typeof lab === 'string' && <p role="alert">{lab}</p>}
      {typeof lab === 'object' && (
        <div className="compare-sides">
          {[
            { name: 'A', scenario: left, set: setLeft, hub: hubs[0] },
            { name: 'B', scenario: right, set: setRight, hub: hubs[1] },
          ].map(({ name, scenario, set, hub }) => (
            <section key={name} className="compare-side" aria-label={`Scenario ${name}: ${scenario.title}`}>
              <h2>
                {name} · {scenario.title}
              </h2>
              <PlayerHubContext.Provider value={hub}>{lab.render({ scenario, onChange: set, mode: 'embed' })}</PlayerHubContext.Provider>
            </section>
          ))}
        </div>
      )}
    </main>
  );
}
