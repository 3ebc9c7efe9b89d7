/** Client-side routing under /console/: links navigate without reloading (the tokens live in memory). */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<(path: string) => void>();
let navigated = false;

/** True once the person has moved within the console: only then does a new page take the focus. */
export const hasNavigated = () => navigated;

/** Goes to a console path (with its query, which a page may read), as a link click would. */
export function navigate(path: string): void {
  navigated = true;
  history.pushState(null, '', path);
  for (const listener of listeners) listener(location.pathname);
}

/** The current path, re-rendering on navigation and on Back/Forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => {
      navigated = true;
      setPath(location.pathname);
    };
    listeners.add(setPath);
    addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setPath);
      removeEventListener('popstate', onPop);
    };
  }, []);
  return path;
}

/** Same-tab clicks on console links stay in the page; anything else is the browser's. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/console/') || link.target) return;
    if (url.pathname === location.pathname && url.hash) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
  });
}
