/** A tiny history-API router: paths, links and navigation. */
import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const PathContext = createContext<{ path: string; go: (to: string) => void }>({ path: '/', go: () => undefined });

export function useRoute(): { path: string; go: (to: string) => void } {
  return useContext(PathContext);
}

/** Matches `/campaigns/:id` style patterns; returns the params or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('?')[0].split('/');
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { go } = useRoute();
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
