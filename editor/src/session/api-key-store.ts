/**
 * The API key the editor signs in with: kept in sessionStorage (this tab, until it closes), never in the URL or in
 * localStorage. Every call to the runtime sends it as `Authorization: Bearer`; a 401 from any call asks to sign in.
 */
const storageKey = 'dunwell.apiKey'

type Listener = () => void
const listeners = new Set<Listener>()
/** Bumped whenever the key changes or the server refuses it, so that the session is checked again. */
let revision = 0

function changed(): void {
  revision += 1
  for (const listener of listeners) listener()
}

export function storedApiKey(): string | null {
  try {
    return sessionStorage.getItem(storageKey)
  } catch {
    return null
  }
}

export function storeApiKey(key: string): void {
  sessionStorage.setItem(storageKey, key.trim())
  changed()
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(storageKey)
  changed()
}

/** Drops a key the server refused, without asking again: the sign-in screen then says why. */
export function discardRefusedKey(): void {
  sessionStorage.removeItem(storageKey)
}

/** The header every request to the runtime carries, when a key is stored. */
export function authHeaders(): Record<string, string> {
  const key = storedApiKey()
  return key ? { Authorization: `Bearer ${key}` } : {}
}

/** Any call that the server answered 401: the key is missing, revoked or wrong, so the editor asks again. */
export function reportUnauthorized(): void {
  changed()
}

export function subscribeToSession(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function sessionRevision(): number {
  return revision
}
