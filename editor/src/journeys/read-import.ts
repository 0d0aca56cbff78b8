import { hasErrors, migrateJourney, parseJson, slug, validate, type Diagnostic, type Journey } from '@dunwell/journey'

/** What a chosen file turned out to be. */
export type ImportVerdict =
  /** Not JSON, or JSON that is no journey: nothing can be saved. */
  | { ok: false; file: string; message: string }
  /** A journey, finished or not: saved as a draft, its diagnostics say what to fix. */
  | { ok: true; file: string; document: Journey; diagnostics: Diagnostic[]; valid: boolean; migratedFrom?: number }

/** The runtime takes JSON bodies up to 2 MB; a bigger file is refused before it is read. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024

export function refuseLargeFile(file: string, size: number): ImportVerdict | undefined {
  if (size <= MAX_IMPORT_BYTES) return undefined
  return { ok: false, file, message: `This file is ${(size / 1024 / 1024).toFixed(1)} MB; a journey file can be at most 2 MB.` }
}

/**
 * Reads an imported file with the same parser and validator as the server. A journey with errors can still be
 * imported (people save unfinished work), but it must at least say which journey it is: a format and an id.
 */
export function readImport(file: string, text: string): ImportVerdict {
  const parsed = parseJson(text)
  if (!parsed.ok) return { ok: false, file, message: `This file is ${parsed.diagnostic.message}.` }
  const migrated = migrateJourney(parsed.value)
  if (!migrated.ok) return { ok: false, file, message: `This file is not a journey: ${migrated.diagnostic.message}.` }
  const id = migrated.document.id
  if (!slug.safeParse(id).success) {
    const what = typeof id === 'string' ? `its id ${JSON.stringify(id)} is not valid (letters, digits, - and _)` : 'it has no "id"'
    return { ok: false, file, message: `This journey cannot be imported: ${what}.` }
  }
  const diagnostics = validate(migrated.document)
  return {
    ok: true,
    file,
    // Unfinished documents are saved as they are; the editor opens them with their problems listed.
    document: migrated.document as Journey,
    diagnostics,
    valid: !hasErrors(diagnostics),
    ...(migrated.migratedFrom !== undefined ? { migratedFrom: migrated.migratedFrom } : {}),
  }
}

/** `friendly-reminder` → `friendly-reminder-2` (or `-3`…), the first id not taken. */
export function freeId(id: string, taken: Set<string>, suffix = ''): string {
  const base = `${id}${suffix}`.slice(0, 60)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
