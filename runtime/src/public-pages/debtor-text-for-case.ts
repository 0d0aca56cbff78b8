import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { type DebtorText, debtorText } from '../i18n/debtor-text'

/**
 * The texts for the debtor of a case: the language they chose in the portal, else the case's `debtor.locale`, else the default locale of the journey the case was
 * last enrolled in, else English. Reads only the two values, never the rest of the case.
 */
export async function debtorTextForCase(db: Kysely<Database>, caseId: string): Promise<DebtorText> {
  const row = await db.selectFrom('cases').select('debtor').where('id', '=', caseId).executeTakeFirst()
  let debtorLocale: string | undefined
  try {
    const locale = row ? (JSON.parse(row.debtor) as { locale?: unknown }).locale : undefined
    debtorLocale = typeof locale === 'string' ? locale : undefined
  } catch {
    debtorLocale = undefined
  }
  // A language chosen in the portal wins; the case's own locale keeps its region when it is the same language (de-AT).
  const preferred = (await db.selectFrom('debtor_preferences').select('locale').where('case_id', '=', caseId).executeTakeFirst())?.locale
  if (preferred && !debtorLocale?.toLowerCase().startsWith(preferred)) debtorLocale = preferred
  const version = await db
    .selectFrom('enrolments')
    .innerJoin('journey_versions', (join) =>
      join.onRef('journey_versions.journey_id', '=', 'enrolments.journey_id').onRef('journey_versions.version', '=', 'enrolments.version'),
    )
    .select('journey_versions.document')
    .where('enrolments.case_id', '=', caseId)
    .orderBy('enrolments.entered_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  let journeyDefault: string | undefined
  try {
    const settings = version ? (JSON.parse(version.document) as { settings?: { defaultLocale?: unknown } }).settings : undefined
    journeyDefault = typeof settings?.defaultLocale === 'string' ? settings.defaultLocale : undefined
  } catch {
    journeyDefault = undefined
  }
  return debtorText(debtorLocale, journeyDefault)
}
