import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { systemClock, type Clock } from '../clock'
import type { Database } from '../db/database'
import { apiKeyPrefix, hashApiKey, looksLikeApiKey } from './api-key-text'
import { isRole } from './permissions'
import type { Principal } from './types'

/**
 * How long a verified key is trusted without asking the database again. It bounds how late a revocation made by
 * another process (the CLI, another worker) takes effect; `revokeApiKey` in this process takes effect at once.
 */
export const verifiedKeyCacheMs = 5_000
/** `last_used_at` is written at most this often per key, so that a busy key costs one write a minute, not one a request. */
export const lastUsedWriteMs = 60_000
const maxCachedKeys = 10_000

interface KeyCache {
  /** By the hex SHA-256 of the key: the key text itself is kept nowhere. */
  verified: Map<string, { principal: Principal; until: number }>
  lastUsedAt: Map<string, number>
}

// One cache per database handle, so that two databases (or two tests) never share verdicts.
const caches = new WeakMap<Kysely<Database>, KeyCache>()

function cacheFor(db: Kysely<Database>): KeyCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = { verified: new Map(), lastUsedAt: new Map() }
    caches.set(db, cache)
  }
  return cache
}

/** Drops what this process remembers of a key (after revoking it). */
export function forgetApiKey(db: Kysely<Database>, id: string): void {
  const cache = caches.get(db)
  if (!cache) return
  for (const [hash, entry] of cache.verified) if (entry.principal.id === id) cache.verified.delete(hash)
  cache.lastUsedAt.delete(id)
}

export interface VerifyApiKeyOptions {
  clock?: Clock
}

/**
 * The principal a key stands for, or null when the key is malformed, unknown or revoked. A key seen in the last
 * `verifiedKeyCacheMs` is answered from memory, without a database read.
 */
export async function verifyApiKey(db: Kysely<Database>, key: string, options: VerifyApiKeyOptions = {}): Promise<Principal | null> {
  if (typeof key !== 'string' || !looksLikeApiKey(key)) return null
  const now = (options.clock ?? systemClock).now()
  const digest = hashApiKey(key)
  const hash = digest.toString('hex')
  const cache = cacheFor(db)
  const cached = cache.verified.get(hash)
  let principal = cached && cached.until > now ? cached.principal : undefined
  if (!principal) {
    cache.verified.delete(hash)
    // Found by its public prefix, then compared in constant time, so that response times say nothing about the hash.
    const rows = await db
      .selectFrom('api_keys')
      .select(['id', 'name', 'role', 'hash', 'last_used_at', 'revoked_at'])
      .where('prefix', '=', apiKeyPrefix(key))
      .execute()
    let match: (typeof rows)[number] | undefined
    for (const row of rows) {
      const stored = Buffer.from(row.hash, 'hex')
      if (stored.length === digest.length && timingSafeEqual(stored, digest)) match = row
    }
    if (!match || match.revoked_at !== null || !isRole(match.role)) return null
    principal = Object.freeze({ id: match.id, name: match.name, role: match.role })
    if (cache.verified.size >= maxCachedKeys) cache.verified.clear()
    cache.verified.set(hash, { principal, until: now + verifiedKeyCacheMs })
    if (match.last_used_at !== null) cache.lastUsedAt.set(match.id, Math.max(cache.lastUsedAt.get(match.id) ?? 0, Number(match.last_used_at)))
  }
  const lastUsed = cache.lastUsedAt.get(principal.id)
  if (lastUsed === undefined || now - lastUsed >= lastUsedWriteMs) {
    cache.lastUsedAt.set(principal.id, now)
    try {
      await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', principal.id).where('revoked_at', 'is', null).execute()
    } catch {
      // A busy database must not fail the request: last_used_at is informative, and the next minute retries.
    }
  }
  return principal
}
