/** Polls between two passes over the panes while a highlight's element is still missing (a run still going, say). */
const PAUSE_POLLS = 15;

/**
 * Presentation mode shows one pane of a lab at a time (the others are one key away, their names
 * in the presentation bar), so a step's highlighted element may sit in a pane not on screen. While
 * it is missing, the panes are shown in turn, one per poll, then the first again; after a pause
 * the pass repeats (the element may only appear once a run ends).
 */
export class PaneSearch {
  private tried = 0;
  private paused = 0;

  /** The element was found: the next miss starts a fresh pass. */
  reset(): void {
    this.tried = 0;
    this.paused = 0;
  }

  /** The element is missing on this poll: show the next pane, if the lab has several. */
  miss(): void {
    const panes = [...document.querySelectorAll<HTMLButtonElement>('.present-panes button')];
    if (panes.length < 2) return;
    if (this.tried < panes.length) {
      panes[this.tried]!.click();
      this.tried++;
    } else if (this.tried === panes.length) {
      panes[0]!.click();
      this.tried++;
    } else if (++this.paused >= PAUSE_POLLS) {
      this.reset();
    }
  }
}
