import type { Diagnostic } from './diagnostics'
import { JOURNEY_FORMAT } from './document'
import { isPlainObject } from './is-plain-object'

/** One step forward: a document of format version `from` becomes version `from + 1`. */
export interface Migration {
  from: number
  up: (document: Record<string, unknown>) => Record<string, unknown>
}

const FORMAT_PATTERN = /^dunwell\/journey@(\d+)$/
export const CURRENT_FORMAT_VERSION = Number(FORMAT_PATTERN.exec(JOURNEY_FORMAT)![1])

/** Ordered by `from`. Version 1 is the first published format, so none exist yet. */
export const migrations: readonly Migration[] = []

export type MigrationResult = { ok: true; document: Record<string, unknown>; migratedFrom?: number } | { ok: false; diagnostic: Diagnostic }

/** Brings a document of any earlier format version forward to the current one; never mutates its input. */
export function migrateJourney(input: unknown, steps: readonly Migration[] = migrations, current = CURRENT_FORMAT_VERSION): MigrationResult {
  if (!isPlainObject(input)) {
    return { ok: false, diagnostic: { severity: 'error', code: 'not-a-journey', message: `a journey must be a JSON object, not ${describe(input)}`, path: [] } }
  }
  const format = input.format
  const match = typeof format === 'string' ? FORMAT_PATTERN.exec(format) : null
  if (!match) {
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: format === undefined ? 'not-a-journey' : 'unknown-format',
        message:
          format === undefined
            ? `not a Dunwell journey: "format" is missing (expected "${JOURNEY_FORMAT}")`
            : `unknown format ${JSON.stringify(format)} (expected "${JOURNEY_FORMAT}")`,
        path: ['format'],
      },
    }
  }
  const version = Number(match[1])
  if (version > current) {
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: 'unknown-format',
        message: `written by a newer Dunwell (format version ${version}); this one reads up to version ${current}`,
        path: ['format'],
      },
    }
  }
  let document: Record<string, unknown> = structuredClone(input)
  for (let from = version; from < current; from++) {
    const step = steps.find((migration) => migration.from === from)
    if (!step) {
      return { ok: false, diagnostic: { severity: 'error', code: 'unknown-format', message: `no migration from format version ${from}`, path: ['format'] } }
    }
    document = { ...step.up(document), format: `dunwell/journey@${from + 1}` }
  }
  return version === current ? { ok: true, document } : { ok: true, document, migratedFrom: version }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'string' ? 'text' : `a ${typeof value}`
}
