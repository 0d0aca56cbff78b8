import type { Kysely, Selectable } from 'kysely'
import { systemClock, type Clock } from '../clock'
import type { ApiKeysTable, Database } from '../db/database'
import { apiKeyPrefix, generateApiKeyText, hashApiKey, randomBase62 } from './api-key-text'
import { isRole, roles, type Role } from './permissions'
import type { ApiKeyInfo, CreatedApiKey } from './types'
import { forgetApiKey } from './verify-api-key'

export interface CreateApiKeyInput {
  name: string
  role: Role
}

export interface ApiKeyClockOptions {
  clock?: Clock
}

function checkInput(input: CreateApiKeyInput): { name: string; role: Role } {
  if (!isRole(input.role)) throw new Error(`unknown role "${String(input.role)}": use one of ${roles.join(', ')}`)
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (name === '') throw new Error('a key needs a name, e.g. the system or person that will use it')
  if (name.length > 100) throw new Error('a key name has at most 100 characters')
  if (/\p{Cc}/u.test(name)) throw new Error('a key name cannot hold control characters')
  return { name, role: input.role }
}

function newKeyRow(input: { name: string; role: Role }, now: number): { key: string; row: Selectable<ApiKeysTable> } {
  const key = generateApiKeyText()
  const row = {
    id: `key_${randomBase62(16)}`,
    name: input.name,
    role: input.role,
    hash: hashApiKey(key).toString('hex'),
    prefix: apiKeyPrefix(key),
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  }
  return { key, row }
}

function toInfo(row: Selectable<ApiKeysTable>): ApiKeyInfo {
  const iso = (time: number | null) => (time === null ? null : new Date(Number(time)).toISOString())
  return {
    id: row.id,
    name: row.name,
    // A role this version does not know (a newer release wrote it) is shown as is; verifyApiKey refuses such keys.
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }
}

/** Creates a key and returns its text, the only time it exists outside the caller: the database keeps a hash. */
export async function createApiKey(db: Kysely<Database>, input: CreateApiKeyInput, options: ApiKeyClockOptions = {}): Promise<CreatedApiKey> {
  const { key, row } = newKeyRow(checkInput(input), (options.clock ?? systemClock).now())
  await db.insertInto('api_keys').values(row).execute()
  return { ...toInfo(row), key }
}

/** Every key, revoked ones included, oldest first. */
export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(toInfo)
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'not-found'

/**
 * Revokes a key for good. This process stops accepting it at once; another process sharing the database (a server,
 * when the CLI revokes) within `verifiedKeyCacheMs`, when its cached verification expires.
 */
export async function revokeApiKey(db: Kysely<Database>, id: string, options: ApiKeyClockOptions = {}): Promise<RevokeResult> {
  const now = (options.clock ?? systemClock).now()
  const result = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  forgetApiKey(db, id)
  if (Number(result.numUpdatedRows) > 0) return 'revoked'
  const existing = await db.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst()
  return existing ? 'already-revoked' : 'not-found'
}

/**
 * On a database without any key (revoked ones count), creates an admin key and returns it, for the server to print
 * once at first start; otherwise returns undefined. One statement, so that two processes starting together cannot
 * both create one.
 */
export async function ensureAdminKey(db: Kysely<Database>, options: ApiKeyClockOptions = {}): Promise<CreatedApiKey | undefined> {
  const { key, row } = newKeyRow({ name: 'first admin', role: 'admin' }, (options.clock ?? systemClock).now())
  const result = await db
    .insertInto('api_keys')
    .columns(['id', 'name', 'role', 'hash', 'prefix', 'created_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(row.id).as('id'),
          eb.val(row.name).as('name'),
          eb.val(row.role).as('role'),
          eb.val(row.hash).as('hash'),
          eb.val(row.prefix).as('prefix'),
          eb.val(row.created_at).as('created_at'),
        ])
        .where((eb) => eb.not(eb.exists(eb.selectFrom('api_keys').select('id')))),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? { ...toInfo(row), key } : undefined
}
