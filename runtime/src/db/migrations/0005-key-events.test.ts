import { existsSync, readFileSync } from 'node:fs'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { tempFile } from '../../engine/testing'
import { eventRowId } from '../event-row-id'
import { migrationProvider } from '../migrations'
import { openSqlite } from '../open-database'

const old = (id: string, caseId: string, type: string, data: object, processed: number | null) => ({
  id,
  case_id: caseId,
  type,
  at: 1_000,
  data: JSON.stringify(data),
  received_at: 1_000,
  processed_at: processed,
  lease_owner: null,
  lease_until: null,
})

/** A database as the runtime left it before event keys were scoped (migrations up to 0004), with events in it. */
async function databaseBefore(file: string): Promise<void> {
  // Before this runtime, nothing set secure_delete: say so, whatever SQLite was compiled with.
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('secure_delete = OFF')
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) })
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004-case-imports')
  if (error) throw error
  const caseRow = (id: string) => ({
    id,
    debtor: '{}',
    currency: 'EUR',
    amount_due: 100,
    balance: 100,
    due_date: '2026-11-01',
    attributes: '{}',
    created_at: 1,
    updated_at: 1,
  })
  await db
    .insertInto('cases')
    .values([caseRow('a'), caseRow('b')])
    .execute()
  // Deleted before secure deletion: the text stays in the file's free space until the upgrade rewrites it.
  await db
    .insertInto('cases')
    .values({ ...caseRow('gone'), debtor: JSON.stringify({ lastName: 'Vergessenwerden'.repeat(40) }) })
    .execute()
  await db.deleteFrom('cases').where('id', '=', 'gone').execute()
  await db
    .insertInto('outbox')
    .values({ id: 'j/a/1/2', enrolment_id: 'j/a/1', case_id: 'a', journey_id: 'j', version: 1, node_id: 'n', channel: 'sms', status: 'sent', created_at: 1 })
    .execute()
  await db
    .insertInto('events')
    .values([
      old('1001', 'a', 'payment.received', { amount: 10 }, 2_000),
      old('optout/a/sms', 'a', 'optout', { channel: 'sms', via: 'link' }, 2_000),
      old('callback/j/a/1/2/reply/optout', 'a', 'optout', { channel: 'sms', via: 'reply' }, null),
      old('dunwell.stop/a/5/x', 'a', 'dunwell.stop', {}, null),
      // The hostile key of the finding: another case's opt-out key, written by a client on case b.
      old('optout/a/email', 'b', 'note.added', {}, null),
      old('callback/j/a/1/2/delivered/message.delivered', 'b', 'message.delivered', {}, null),
    ])
    .execute()
  await db.destroy()
}

describe('migration 0005: events keyed per case and source', () => {
  it('keeps every stored event, with its key, data and progress; only the runtime’s own keys for that very case become the runtime’s', async () => {
    const file = tempFile()
    await databaseBefore(file)
    expect(readFileSync(file).includes('Vergessenwerden')).toBe(true)
    const opened = await openSqlite(file)
    for (const part of [file, `${file}-wal`].filter(existsSync)) expect(readFileSync(part).includes('Vergessenwerden'), part).toBe(false)
    onTestFinished(() => opened.close())
    const rows = await opened.db.selectFrom('events').select(['id', 'case_id', 'source', 'key', 'type', 'data', 'processed_at']).orderBy('key').execute()
    expect(rows.map(({ id, ...rest }) => ({ ...rest, idMatches: id === eventRowId(rest.source, rest.case_id, rest.key!) }))).toEqual([
      { case_id: 'a', source: 'client', key: '1001', type: 'payment.received', data: '{"amount":10}', processed_at: 2_000, idMatches: true },
      {
        case_id: 'b',
        source: 'client',
        key: 'callback/j/a/1/2/delivered/message.delivered',
        type: 'message.delivered',
        data: '{}',
        processed_at: null,
        idMatches: true,
      },
      {
        case_id: 'a',
        source: 'runtime',
        key: 'callback/j/a/1/2/reply/optout',
        type: 'optout',
        data: '{"channel":"sms","via":"reply"}',
        processed_at: null,
        idMatches: true,
      },
      { case_id: 'a', source: 'runtime', key: 'dunwell.stop/a/5/x', type: 'dunwell.stop', data: '{}', processed_at: null, idMatches: true },
      { case_id: 'b', source: 'client', key: 'optout/a/email', type: 'note.added', data: '{}', processed_at: null, idMatches: true },
      { case_id: 'a', source: 'runtime', key: 'optout/a/sms', type: 'optout', data: '{"channel":"sms","via":"link"}', processed_at: 2_000, idMatches: true },
    ])
    expect((await opened.db.selectFrom('cases').select(['id', 'erased_at']).orderBy('id').execute()).map((c) => c.erased_at)).toEqual([null, null])

    // Idempotency carries over: the same keys again are duplicates; the runtime's opt-out key for case a is free of b's.
    const again = await opened.store.insertEvents([
      { source: 'client', key: '1001', caseId: 'a', type: 'payment.received', at: 1_000, data: '{"amount":10}', receivedAt: 3_000 },
      { source: 'runtime', key: 'optout/a/sms', caseId: 'a', type: 'optout', at: 1_000, data: '{}', receivedAt: 3_000 },
      { source: 'runtime', key: 'optout/a/email', caseId: 'a', type: 'optout', at: 1_000, data: '{}', receivedAt: 3_000 },
      { source: 'client', key: '1001', caseId: 'b', type: 'payment.received', at: 1_000, data: '{"amount":10}', receivedAt: 3_000 },
    ])
    expect(again).toEqual([false, false, true, true])
  })
})
