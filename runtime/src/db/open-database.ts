import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import type { Database } from './database'
import { migrationProvider } from './migrations'
import type { EngineStore } from './engine-store'
import { createSqliteStore } from './sqlite-store'

export interface OpenedDatabase {
  db: Kysely<Database>
  /** The engine's reads and batched writes, for this database. */
  store: EngineStore
  close: () => Promise<void>
}

/**
 * Opens (creating if needed) one SQLite file in WAL mode, with secure deletion, and runs the migrations. `synchronous=NORMAL` in WAL keeps
 * every committed transaction across a process crash; only a power cut may lose the last ones.
 */
export async function openSqlite(file: string): Promise<OpenedDatabase> {
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // Deleted rows (an erased debtor's data) are overwritten with zeros, not left in free space for a file reader.
  sqlite.pragma('secure_delete = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  const applied = await migrate(db)
  // A file written before secure deletion may hold deleted text in free space: rewritten once, when it is upgraded.
  if (applied.includes('0005-event-keys-and-erasure')) {
    sqlite.exec('VACUUM')
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
  }
  return { db, store: createSqliteStore(db, sqlite), close: () => db.destroy() }
}

/**
 * One engine process owns an SQLite file: when it starts, leases left by a process that died are void. Only the
 * engine calls this — a CLI that opens the file for keys must not free the leases of a running server.
 */
export async function releaseStaleLeases(db: Kysely<Database>): Promise<void> {
  await db.updateTable('timers').set({ lease_owner: null, lease_until: null }).where('lease_owner', 'is not', null).execute()
  await db.updateTable('events').set({ lease_owner: null, lease_until: null }).where('lease_owner', 'is not', null).execute()
  await db.updateTable('outbox').set({ lease_owner: null, lease_until: null }).where('lease_owner', 'is not', null).execute()
}

/** Runs the migrations not yet applied; returns the names of those it applied. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
