import { useCallback, useEffect, useMemo, useState } from 'react';
import { LABS } from './labs/registry.ts';
import { fetchExampleIndex, type ExampleEntry } from './scenario/examples.ts';
import { Header } from './shell/Header.tsx';
import { HelpDialog } from './shell/HelpDialog.tsx';
import { Messages } from './shell/Messages.tsx';
import { SafeBootNotice } from './shell/SafeBootNotice.tsx';
import { SharePanel } from './shell/SharePanel.tsx';
import { toggleFullscreen, useShortcuts } from './shell/shortcuts.ts';
import { useWorkbench } from './shell/useWorkbench.ts';
import { download } from './ui/exportSvg.ts';
import { PlayerHub, PlayerHubContext } from './ui/playerHub.ts';
import { PresentSlotContext } from './ui/present/presentContext.ts';
import { errorMessage } from './errors.ts';
import { scenarioLink } from './scenario/codec.ts';
import type { Tour } from './teaching/format/tour.ts';
import { CompareView } from './teaching/compare/CompareView.tsx';
import { TourPlayer } from './teaching/player/TourPlayer.tsx';
import { PresentTools } from './teaching/PresentTools.tsx';
import { TeachingPanel } from './teaching/TeachingPanel.tsx';
import { playingLink, useTeaching } from './teaching/useTeaching.ts';

const embed = new URLSearchParams(location.search).get('embed') === '1';

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';

export function App() {
  const wb = useWorkbench({ embed });
  const { alert } = wb;
  const hub = useMemo(() => new PlayerHub(), []);
  const [presentMode, setPresent] = useState(false);
  const teaching = useTeaching(alert);
  // A tour is for the projector: it plays in presentation mode.
  const present = presentMode || teaching.playing !== undefined;
  const [touring, setTouring] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [presentSlot, setPresentSlot] = useState<HTMLElement | null>(null);
  const [examples, setExamples] = useState<ExampleEntry[]>([]);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);

  useShortcuts({ hub, present, setPresent, toggleHelp });

  useEffect(() => {
    document.documentElement.classList.toggle('present', present);
    if (!present && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  }, [present]);

  useEffect(() => {
    if (embed) return;
    fetchExampleIndex(import.meta.env.BASE_URL, LABS.map((l) => l.id))
      .then(setExamples)
      .catch((e: unknown) => alert(`The built-in examples are unavailable: ${errorMessage(e)}. Reload to try again.`));
  }, [alert]);

  const scenario = teaching.onScreen ?? wb.active?.scenario;
  useEffect(() => {
    document.title = scenario ? `${scenario.title} · Latticework` : 'Latticework';
  }, [scenario]);

  // The example the open scenario is (its title unchanged), so the page can say what to look at.
  const example = scenario && examples.find((x) => x.lab === scenario.lab && (scenario.title === x.title || scenario.title.startsWith(`${x.title} (`)));

  const saveFile = () => {
    if (!scenario) return;
    download(new Blob([`${JSON.stringify(scenario, null, 2)}\n`], { type: 'application/json' }), `${slug(scenario.title)}.latticework.json`);
  };

  const saveTour = (tour: Tour) =>
    download(new Blob([`${JSON.stringify(tour, null, 2)}\n`], { type: 'application/json' }), `${slug(tour.title)}.latticework-tour.json`);
  const playing = teaching.playing;
  const shareLink = playing ? playingLink(location.href, playing) : scenario && scenarioLink(location.href, scenario);

  const messages = (
    <>
      <Messages alerts={wb.alerts} notice={wb.notice} present={present} onDismissAlert={wb.dismissAlert} onDismissNotice={wb.dismissNotice} />
      {wb.held && <SafeBootNotice title={wb.held.title} onRun={wb.held.run} onDismiss={wb.dismissHeld} />}
    </>
  );
  const lab = wb.active && (
    <main key={wb.active.generation} className={`lab lab-${wb.active.entry.id}`} aria-busy={wb.loading}>
      {wb.active.lab.render({ scenario: wb.active.scenario, onChange: wb.change, mode: embed ? 'embed' : present ? 'present' : 'full' })}
    </main>
  );

  if (embed) {
    return (
      <PlayerHubContext.Provider value={hub}>
        <div className="app embed">
          {messages}
          {lab}
          <a className="embed-open" href={location.href.replace(/\?[^#]*/, '')} target="_blank" rel="noreferrer">
            Open in Latticework ↗
          </a>
        </div>
      </PlayerHubContext.Provider>
    );
  }

  return (
    <PlayerHubContext.Provider value={hub}>
      <PresentSlotContext.Provider value={present ? presentSlot : null}>
        <div className={present ? 'app presenting' : 'app'}>
          {present ? (
            // A row of its own, never over the content: the lab puts the names of its views in the slot.
            <div className="present-bar">
              <div className="present-slot" ref={setPresentSlot} />
              <PresentTools
                link={shareLink}
                what={playing ? 'tour' : 'scenario'}
                onDownload={() => (playing ? saveTour(playing.tour) : saveFile())}
                title={scenario?.title ?? 'Latticework'}
                caption={playing?.tour.steps[playing.index]?.caption ?? ''}
              />
              <button type="button" className="quiet" onClick={toggleFullscreen} title="Full screen (f)">
                Full screen
              </button>
              <button type="button" className="quiet" onClick={() => (playing ? teaching.exit() : setPresent(false))} title="Leave presentation (Esc)" aria-label="Leave presentation (Esc)">
                {/* Short, so the bar stays one row at 1280 with five view names (the title says it in full). */}
                Exit (Esc)
              </button>
            </div>
          ) : (
            <Header
              current={wb.active?.entry.id}
              examples={examples}
              onSwitch={(id) => void wb.openLab(id)}
              onExample={(labId, id) => void wb.openExample(labId, id)}
              onOpenFile={(file) => void wb.openFile(file)}
              onSave={saveFile}
              {...(wb.restorePrevious ? { onRestorePrevious: wb.restorePrevious } : {})}
              onShare={() => setSharing(true)}
              onTours={() => setTouring((o) => !o)}
              onPresent={() => setPresent(true)}
              onHelp={() => setHelpOpen(true)}
            />
          )}
          {sharing && scenario && !present && <SharePanel scenario={scenario} onClose={() => setSharing(false)} />}
          {touring && !present && (
            <TeachingPanel scenario={scenario} pinned={teaching.pinned} onPin={teaching.pin} onCompare={teaching.compare} onPlay={(tour, source) => teaching.play(tour, source)} onSaveFile={saveTour} onProblem={(m) => alert(m)} onClose={() => setTouring(false)} />
          )}
          {example && !present && !playing && !teaching.comparing && (
            <p className="example-summary" aria-label="About this example">
              <strong>{example.title}:</strong> {example.summary}
            </p>
          )}
          {messages}
          {teaching.comparing ? (
            <CompareView a={teaching.comparing.a} b={teaching.comparing.b} onExit={teaching.exitCompare} />
          ) : playing ? (
            <TourPlayer tour={playing.tour} source={playing.source} index={playing.index} onIndex={teaching.setIndex} onExit={teaching.exit} onScenario={teaching.setOnScreen} />
          ) : lab ?? (
            <main className="lab lab-empty">
              {wb.loading ? <p className="loading">Loading…</p> : LABS.length === 0 && <p>No lab is built yet.</p>}
            </main>
          )}
          <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} lab={wb.active?.entry} />
        </div>
      </PresentSlotContext.Provider>
    </PlayerHubContext.Provider>
  );
}
