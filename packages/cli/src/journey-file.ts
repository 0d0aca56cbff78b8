import { describeDiagnostic, journeySchema, migrateJourney, parseJson, type Journey } from '@dunwell/journey'

export type JourneyText = { ok: true; journey: Journey } | { ok: false; reason: string }

/** A journey file's text as a document of the current format (migrated forward), or why it is none. */
export function readJourneyText(text: string): JourneyText {
  const parsed = parseJson(text)
  if (!parsed.ok) return { ok: false, reason: parsed.diagnostic.message }
  const migrated = migrateJourney(parsed.value)
  if (!migrated.ok) return { ok: false, reason: describeDiagnostic(migrated.diagnostic) }
  const checked = journeySchema.safeParse(migrated.document)
  return checked.success ? { ok: true, journey: checked.data } : { ok: false, reason: 'does not fit the journey schema; run `dunwell validate` to see why' }
}
