import { useSyncExternalStore } from 'react'

export type Route = { name: 'journeys' } | { name: 'journey'; id: string } | { name: 'import' }

/** `/` lists the journeys, `/journeys/<id>` edits one, `/import` imports cases; the server answers every other path with the editor. */
export function parseRoute(pathname: string): Route {
  if (/^\/import\/?$/.test(pathname)) return { name: 'import' }
  const match = /^\/journeys\/([^/]+)\/?$/.exec(pathname)
  return match?.[1] ? { name: 'journey', id: decodeURIComponent(match[1]) } : { name: 'journeys' }
}

export function journeyPath(id: string): string {
  return `/journeys/${encodeURIComponent(id)}`
}

const listeners = new Set<() => void>()
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()))

/** Leaving may be refused (unsaved changes): the guard returns false to stay. */
let guard: (() => boolean) | undefined
export function setNavigationGuard(next: (() => boolean) | undefined) {
  guard = next
}

export function navigate(path: string) {
  if (path === window.location.pathname || (guard && !guard())) return
  window.history.pushState(null, '', path)
  listeners.forEach((listener) => listener())
}

export function usePathname(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => window.location.pathname,
  )
}
