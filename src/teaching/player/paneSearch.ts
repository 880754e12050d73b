/** Polls between two passes over the panes while a highlight's element is still missing (a run still going, say). */
const PAUSE_POLLS = 15;

/**
 * Presentation mode shows one pane of a lab at a time (the others are one key away, their names
 * in the presentation bar), and a pane with more figures than a screen holds shows one section
 * at a time (PaneSections: its picker), so a step's highlighted element may sit in a pane or a
 * section not on screen. While it is missing, the panes are shown in turn, one per poll, and
 * within each the sections of its picker, then the first pane again; after a pause the pass
 * repeats (the element may only appear once a run ends).
 */
export class PaneSearch {
  private pane = 0;
  private section = 0;
  private paused = 0;

  /** The element was found: the next miss starts a fresh pass. */
  reset(): void {
    this.pane = 0;
    this.section = 0;
    this.paused = 0;
  }

  /** The element is missing on this poll: show the shown pane's next section, or the next pane. */
  miss(): void {
    const panes = [...document.querySelectorAll<HTMLButtonElement>('.present-panes button')];
    if (panes.length < 2) return;
    if (this.pane > 0 && this.pane <= panes.length && this.nextSection()) return;
    if (this.pane < panes.length) {
      panes[this.pane]!.click();
      this.pane++;
      this.section = 0;
    } else if (this.pane === panes.length) {
      panes[0]!.click();
      this.pane++;
    } else if (++this.paused >= PAUSE_POLLS) {
      this.reset();
    }
  }

  /** Shows the shown pane's next section not yet tried; false when it has none left (or no picker). */
  private nextSection(): boolean {
    const pick = document.querySelector<HTMLSelectElement>('.present-pane .pane-sections-pick select');
    if (!pick || this.section >= pick.options.length) return false;
    pick.value = pick.options[this.section]!.value;
    // React's onChange listens to the native change event of a select.
    pick.dispatchEvent(new Event('change', { bubbles: true }));
    this.section++;
    return true;
  }
}
