import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { ColumnMap, MappingSettings } from '@dunwell/contract'

export interface SavedMapping {
  name: string
  columns: ColumnMap
  settings: MappingSettings
  updatedAt: string
}

/** Saved mappings and import reports: the import's only way to its tables. */
export function importStore(db: Kysely<Database>) {
  return {
    async mappings(): Promise<SavedMapping[]> {
      const rows = await db.selectFrom('import_mappings').selectAll().orderBy('name').execute()
      return rows.map((row) => ({
        name: row.name,
        columns: JSON.parse(row.columns),
        settings: JSON.parse(row.settings),
        updatedAt: new Date(Number(row.updated_at)).toISOString(),
      }))
    },
    async mapping(name: string): Promise<SavedMapping | undefined> {
      const row = await db.selectFrom('import_mappings').selectAll().where('name', '=', name).executeTakeFirst()
      return (
        row && {
          name: row.name,
          columns: JSON.parse(row.columns),
          settings: JSON.parse(row.settings),
          updatedAt: new Date(Number(row.updated_at)).toISOString(),
        }
      )
    },
    /** True when the mapping is new. */
    async saveMapping(name: string, columns: ColumnMap, settings: MappingSettings, now: number): Promise<boolean> {
      const existed = await db.selectFrom('import_mappings').select('name').where('name', '=', name).executeTakeFirst()
      const values = { columns: JSON.stringify(columns), settings: JSON.stringify(settings), updated_at: now }
      if (existed) await db.updateTable('import_mappings').set(values).where('name', '=', name).execute()
      else
        await db
          .insertInto('import_mappings')
          .values({ name, ...values })
          .execute()
      return !existed
    },
    async deleteMapping(name: string): Promise<boolean> {
      const result = await db.deleteFrom('import_mappings').where('name', '=', name).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
    async startImport(id: string, fileName: string | undefined, format: string, now: number) {
      await db
        .insertInto('case_imports')
        .values({ id, file_name: fileName ?? null, format, settings: '{}', counts: '{}', stored: 0, started_at: now, finished_at: null })
        .execute()
    },
    async finishImport(id: string, settings: unknown, counts: unknown, stored: boolean, now: number) {
      await db
        .updateTable('case_imports')
        .set({ settings: JSON.stringify(settings), counts: JSON.stringify(counts), stored: stored ? 1 : 0, finished_at: now })
        .where('id', '=', id)
        .execute()
      if (!stored)
        await db
          .updateTable('case_import_lines')
          .set({ outcome: 'not stored' })
          .where('import_id', '=', id)
          .where('outcome', 'in', ['created', 'updated'])
          .execute()
    },
    async addLines(lines: Database['case_import_lines'][]) {
      for (let i = 0; i < lines.length; i += 200)
        await db
          .insertInto('case_import_lines')
          .values(lines.slice(i, i + 200))
          .execute()
    },
    async stage(id: string, start: number, bodies: string[]) {
      for (let i = 0; i < bodies.length; i += 200) {
        await db
          .insertInto('case_import_staging')
          .values(bodies.slice(i, i + 200).map((body, j) => ({ import_id: id, seq: start + i + j, body })))
          .execute()
      }
    },
    async staged(id: string, from: number, count: number): Promise<string[]> {
      const rows = await db
        .selectFrom('case_import_staging')
        .select('body')
        .where('import_id', '=', id)
        .where('seq', '>=', from)
        .where('seq', '<', from + count)
        .orderBy('seq')
        .execute()
      return rows.map((row) => row.body)
    },
    async dropStaged(id: string) {
      await db.deleteFrom('case_import_staging').where('import_id', '=', id).execute()
    },
    /** The line each of these ids was first seen on in this import, for those seen before. */
    async seenIds(key: string, ids: string[]): Promise<Map<string, number>> {
      const found = new Map<string, number>()
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db
          .selectFrom('case_import_ids')
          .select(['case_id', 'line'])
          .where('import_key', '=', key)
          .where('case_id', 'in', ids.slice(i, i + 500))
          .execute()
        for (const row of rows) found.set(row.case_id, row.line)
      }
      return found
    },
    async markSeen(key: string, ids: { id: string; line: number }[]) {
      for (let i = 0; i < ids.length; i += 300) {
        await db
          .insertInto('case_import_ids')
          .values(ids.slice(i, i + 300).map(({ id, line }) => ({ import_key: key, case_id: id, line })))
          .execute()
      }
    },
    async forgetSeen(key: string) {
      await db.deleteFrom('case_import_ids').where('import_key', '=', key).execute()
    },
    async existingIds(ids: string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (let i = 0; i < ids.length; i += 500) {
        for (const row of await db
          .selectFrom('cases')
          .select('id')
          .where('id', 'in', ids.slice(i, i + 500))
          .execute())
          found.add(row.id)
      }
      return found
    },
    async report(id: string) {
      const run = await db.selectFrom('case_imports').selectAll().where('id', '=', id).executeTakeFirst()
      if (!run) return undefined
      async function* lines() {
        // Page by page: an open cursor would hold the one SQLite connection for the whole download.
        for (let after = -1; ; ) {
          const page = await db
            .selectFrom('case_import_lines')
            .selectAll()
            .where('import_id', '=', id)
            .where('seq', '>', after)
            .orderBy('seq')
            .limit(1000)
            .execute()
          yield* page
          if (page.length < 1000) return
          after = page[page.length - 1]!.seq
        }
      }
      return { run, lines: lines() }
    },
  }
}
export type ImportStore = ReturnType<typeof importStore>
