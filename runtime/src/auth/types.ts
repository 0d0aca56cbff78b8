import type { Role } from './permissions'

/** Who a request acts for: the key that authenticated it. Never carries the key itself. */
export interface Principal {
  id: string
  name: string
  role: Role
}

/** What `listApiKeys` shows of a key: never the key, only its first characters. Times are ISO 8601 (UTC). */
export interface ApiKeyInfo {
  id: string
  name: string
  role: Role
  /** The key's first characters, e.g. `dw_4fK9aQ2z`, to recognise it by. */
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** A key just created: `key` is its full text, shown this once and stored nowhere. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string
}

/** The Hono environment the auth middleware works in: `c.get('principal')` after `apiKeyAuth`. */
export interface AuthEnv {
  Variables: { principal: Principal }
}
