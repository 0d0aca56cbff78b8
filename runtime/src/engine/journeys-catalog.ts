import { format, validate, type Diagnostic, type Journey } from '@dunwell/journey'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

export type JourneyStatus = 'active' | 'paused' | 'archived'

export interface JourneySummary {
  id: string
  name: string
  status: JourneyStatus
  latestVersion: number | null
  hasDraft: boolean
  updatedAt: string
}

export interface JourneyVersionSummary {
  version: number
  note: string | null
  publishedAt: string
}

/** Journeys, their drafts and their immutable versions, as people see them. */
export async function listJourneys(db: Kysely<Database>): Promise<JourneySummary[]> {
  const rows = await db
    .selectFrom('journeys as j')
    .leftJoin('journey_versions as v', 'v.journey_id', 'j.id')
    .select(['j.id', 'j.name', 'j.status', 'j.updated_at', 'j.draft', (eb) => eb.fn.max('v.version').as('latest')])
    .groupBy(['j.id', 'j.name', 'j.status', 'j.updated_at', 'j.draft'])
    .orderBy('j.name')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    latestVersion: row.latest === null ? null : Number(row.latest),
    hasDraft: row.draft !== null,
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  }))
}

export async function getJourney(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('journeys').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const latest = await db.selectFrom('journey_versions').selectAll().where('journey_id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst()
  const document = row.draft ?? latest?.document
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    latestVersion: latest ? latest.version : null,
    hasDraft: row.draft !== null,
    /** The working copy: the draft when there is one, else the latest version. */
    document: document ? (JSON.parse(document) as Journey) : null,
  }
}

/** Saves a working copy, valid or not (people save unfinished work); returns what is wrong with it. */
export async function saveDraft(db: Kysely<Database>, document: { id: string; name?: unknown }, now: number): Promise<Diagnostic[]> {
  const diagnostics = validate(document)
  const text = JSON.stringify(document)
  const name = typeof document.name === 'string' && document.name !== '' ? document.name : document.id
  await db
    .insertInto('journeys')
    .values({ id: document.id, name, status: 'active', draft: text, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name, draft: text, updated_at: now }))
    .execute()
  return diagnostics
}

export async function listVersions(db: Kysely<Database>, id: string): Promise<JourneyVersionSummary[]> {
  const rows = await db
    .selectFrom('journey_versions')
    .select(['version', 'note', 'published_at'])
    .where('journey_id', '=', id)
    .orderBy('version', 'desc')
    .execute()
  return rows.map((row) => ({ version: row.version, note: row.note, publishedAt: new Date(Number(row.published_at)).toISOString() }))
}

/** A published version in the stable text form, ready to diff. */
export async function getVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
): Promise<{ document: Journey; text: string; note: string | null; publishedAt: string } | undefined> {
  const row = await db.selectFrom('journey_versions').selectAll().where('journey_id', '=', id).where('version', '=', version).executeTakeFirst()
  if (!row) return undefined
  const document = JSON.parse(row.document) as Journey
  return { document, text: format(document), note: row.note, publishedAt: new Date(Number(row.published_at)).toISOString() }
}

export async function setJourneyStatus(db: Kysely<Database>, id: string, status: JourneyStatus, now: number): Promise<boolean> {
  const result = await db.updateTable('journeys').set({ status, updated_at: now }).where('id', '=', id).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
