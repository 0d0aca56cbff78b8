import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../clock'
import { createApiKey, ensureAdminKey, lastUsedWriteMs, listApiKeys, revokeApiKey, verifiedKeyCacheMs, verifyApiKey } from './index'
import { temporaryDatabase } from './temporary-database'

const start = Date.parse('2026-11-23T09:00:00Z')

describe('createApiKey', () => {
  it('returns a dw_ key of 43 base62 characters, once, and stores only its hash and prefix', async () => {
    const temp = temporaryDatabase()
    const { db } = await temp.open()
    const created = await createApiKey(db, { name: 'billing system', role: 'ingest' }, { clock: new VirtualClock(start) })
    expect(created.key).toMatch(/^dw_[0-9A-Za-z]{43}$/)
    expect(created).toMatchObject({
      name: 'billing system',
      role: 'ingest',
      prefix: created.key.slice(0, 11),
      createdAt: '2026-11-23T09:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    })

    const [row] = await db.selectFrom('api_keys').selectAll().execute()
    expect(row!.hash).toBe(createHash('sha256').update(created.key).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(created.key.slice(11))
    // Nor anywhere in the files SQLite wrote (the database, its WAL).
    for (const name of readdirSync(dirname(temp.file))) {
      expect(readFileSync(join(dirname(temp.file), name)).includes(created.key.slice(11))).toBe(false)
    }
    expect(JSON.stringify(await listApiKeys(db))).not.toContain(created.key.slice(11))
  })

  it('makes a different key every time', async () => {
    const { db } = await temporaryDatabase().open()
    const keys = await Promise.all(Array.from({ length: 50 }, (_, i) => createApiKey(db, { name: `k${i}`, role: 'viewer' })))
    expect(new Set(keys.map((k) => k.key)).size).toBe(50)
    expect(new Set(keys.map((k) => k.id)).size).toBe(50)
  })

  it('refuses an unknown role, naming the valid ones, and an empty name', async () => {
    const { db } = await temporaryDatabase().open()
    await expect(createApiKey(db, { name: 'x', role: 'root' as never })).rejects.toThrow('unknown role "root": use one of admin, editor, ingest, viewer')
    await expect(createApiKey(db, { name: '  ', role: 'viewer' })).rejects.toThrow('a key needs a name')
    expect(await listApiKeys(db)).toEqual([])
  })
})

describe('verifyApiKey', () => {
  it('answers the principal of a valid key and null for anything else', async () => {
    const { db } = await temporaryDatabase().open()
    const created = await createApiKey(db, { name: 'editor', role: 'editor' })
    expect(await verifyApiKey(db, created.key)).toEqual({ id: created.id, name: 'editor', role: 'editor' })
    const samePrefix = created.key.slice(0, 11) + 'x'.repeat(32)
    for (const wrong of [samePrefix, `${created.key}x`, created.key.slice(0, -1), 'dw_short', '', created.prefix, created.key.toLowerCase()]) {
      expect(await verifyApiKey(db, wrong)).toBeNull()
    }
  })

  it('refuses a revoked key at once in this process', async () => {
    const { db } = await temporaryDatabase().open()
    const created = await createApiKey(db, { name: 'ci', role: 'editor' })
    expect(await verifyApiKey(db, created.key)).not.toBeNull()
    expect(await revokeApiKey(db, created.id)).toBe('revoked')
    expect(await verifyApiKey(db, created.key)).toBeNull()
    expect(await revokeApiKey(db, created.id)).toBe('already-revoked')
    expect(await revokeApiKey(db, 'key_nope')).toBe('not-found')
    expect((await listApiKeys(db))[0]!.revokedAt).not.toBeNull()
  })

  it('trusts a verified key from memory for a few seconds, so a revocation by another process lands within that window', async () => {
    const temp = temporaryDatabase()
    const server = await temp.open()
    const cli = await temp.open()
    const clock = new VirtualClock(start)
    const created = await createApiKey(cli.db, { name: 'ci', role: 'editor' })
    expect(await verifyApiKey(server.db, created.key, { clock })).not.toBeNull()
    expect(await revokeApiKey(cli.db, created.id)).toBe('revoked')
    clock.set(start + verifiedKeyCacheMs - 1)
    expect(await verifyApiKey(server.db, created.key, { clock })).not.toBeNull() // from memory: no read
    clock.set(start + verifiedKeyCacheMs)
    expect(await verifyApiKey(server.db, created.key, { clock })).toBeNull()
  })

  it('writes last_used_at at most once a minute per key', async () => {
    const { db } = await temporaryDatabase().open()
    const clock = new VirtualClock(start)
    const created = await createApiKey(db, { name: 'ci', role: 'editor' }, { clock })
    const lastUsed = async () => (await listApiKeys(db))[0]!.lastUsedAt
    expect(await lastUsed()).toBeNull()
    await verifyApiKey(db, created.key, { clock })
    expect(await lastUsed()).toBe('2026-11-23T09:00:00.000Z')
    clock.set(start + lastUsedWriteMs - 1)
    await verifyApiKey(db, created.key, { clock })
    expect(await lastUsed()).toBe('2026-11-23T09:00:00.000Z')
    clock.set(start + lastUsedWriteMs + 1000)
    await verifyApiKey(db, created.key, { clock })
    expect(await lastUsed()).toBe('2026-11-23T09:01:01.000Z')
  })
})

describe('ensureAdminKey', () => {
  it('creates an admin key on a database without keys, and nothing afterwards', async () => {
    const temp = temporaryDatabase()
    const { db } = await temp.open()
    const other = await temp.open()
    const [first, second] = await Promise.all([ensureAdminKey(db), ensureAdminKey(other.db)])
    const created = first ?? second
    expect([first, second].filter(Boolean)).toHaveLength(1)
    expect(created).toMatchObject({ role: 'admin', key: expect.stringMatching(/^dw_/) })
    expect(await verifyApiKey(db, created!.key)).toMatchObject({ role: 'admin' })
    expect(await ensureAdminKey(db)).toBeUndefined()
  })

  it('does nothing once any key exists, even if every key is revoked', async () => {
    const { db } = await temporaryDatabase().open()
    const viewer = await createApiKey(db, { name: 'viewer', role: 'viewer' })
    expect(await ensureAdminKey(db)).toBeUndefined()
    await revokeApiKey(db, viewer.id)
    expect(await ensureAdminKey(db)).toBeUndefined()
    expect(await listApiKeys(db)).toHaveLength(1)
  })
})
