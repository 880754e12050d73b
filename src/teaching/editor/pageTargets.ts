/** The accessible names of what the open lab shows (figures, panels, ring nodes), for a highlight. */
export function pageTargets(limit = 80): string[] {
  const names = new Set<string>();
  for (const el of document.querySelectorAll('main.lab [aria-label]')) {
    if (/^(BUTTON|INPUT|SELECT|OPTION|TEXTAREA|PROGRESS)$/.test(el.tagName)) continue;
    const r = el.getBoundingClientRect();
    const name = el.getAttribute('aria-label')?.trim();
    if (name && r.width > 0 && r.height > 0) names.add(name.slice(0, 120));
    if (names.size >= limit) break;
  }
  return [...names];
}
