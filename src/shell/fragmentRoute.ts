import { useEffect } from 'react';

/** What the URL fragment asks for: a scenario link (`#s=…`), a built-in example (`#example=lab/id`), or nothing. */
export type FragmentRoute = { kind: 'link'; hash: string } | { kind: 'example'; name: string; lab?: string; id?: string } | { kind: 'tour' } | { kind: 'none' };

export function parseFragment(hash: string): FragmentRoute {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.has('s')) return { kind: 'link', hash };
  // A tour (src/teaching/useTeaching.ts) plays over the open work, which stays as it is.
  if (params.has('tour') || params.has('builtin-tour')) return { kind: 'tour' };
  const name = params.get('example');
  if (!name) return { kind: 'none' };
  const [lab, id] = name.split('/');
  return { kind: 'example', name, ...(lab ? { lab } : {}), ...(id ? { id } : {}) };
}

/** Drops the fragment once what it carried is open (so a reload opens the saved work, not the link again). */
export function clearFragment(): void {
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
}

/** A link pasted into the address bar of an open page arrives as a hash change: `route` it. */
export function useHashChange(route: (hash: string) => void): void {
  useEffect(() => {
    const onHash = () => {
      if (location.hash) route(location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });
}
