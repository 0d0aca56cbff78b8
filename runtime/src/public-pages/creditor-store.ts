import { type CreditorSettings, creditorSettingsSchema } from '@dunwell/contract'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

const KEY = 'creditor'

/** The creditor's settings, or undefined before an admin has set them (the pages then name no creditor). */
export async function readCreditor(db: Kysely<Database>): Promise<CreditorSettings | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst()
  if (!row) return undefined
  // Stored through the same schema; read through it again so that a hand-edited row cannot reach a page unchecked.
  const parsed = creditorSettingsSchema.safeParse(JSON.parse(row.value))
  return parsed.success ? parsed.data : undefined
}

export async function saveCreditor(db: Kysely<Database>, creditor: CreditorSettings): Promise<void> {
  const value = JSON.stringify(creditor)
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}
