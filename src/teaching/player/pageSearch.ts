/**
 * A highlighted region that shows a page of what it holds (a version graph's latest versions, a
 * table's rows: ui/present/PagedRows.tsx's Pager) may hold the step's mark on another page. While
 * the region is there and its mark is not, its pages are shown in turn, earlier ones first (a
 * pager opens on the latest), then later ones; only when none is left does the pane search go on.
 */
export class PageSearch {
  private region: Element | undefined;
  private direction: 'earlier' | 'later' | 'done' = 'earlier';

  /** The mark was found, or its region is gone: the next miss starts afresh. */
  reset(): void {
    this.region = undefined;
    this.direction = 'earlier';
  }

  /** Shows the region's next page; false when it has no pager or every page was shown. */
  turn(region: Element): boolean {
    if (region !== this.region) {
      this.reset();
      this.region = region;
    }
    if (this.direction === 'earlier' && this.press(region, 'Earlier')) return true;
    if (this.direction !== 'done') this.direction = 'later';
    if (this.direction === 'later' && this.press(region, 'Later')) return true;
    this.direction = 'done';
    return false;
  }

  /** Presses the region's pager button for the page `way` (its aria-label starts so), if it may be pressed. */
  private press(region: Element, way: 'Earlier' | 'Later'): boolean {
    const button = [...region.querySelectorAll<HTMLButtonElement>('.pager button')].find((b) => b.getAttribute('aria-label')?.startsWith(`${way} `));
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }
}
