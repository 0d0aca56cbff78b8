import { journeySchema } from './document'
import type { Diagnostic } from './diagnostics'
import { migrateJourney } from './migrate'
import { checkContent } from './validate/check-content'
import { checkGraph } from './validate/check-graph'
import { schemaDiagnostics } from './validate/schema-issues'
import { readView } from './validate/view'

const severityOrder = { error: 0, warning: 1 } as const

/**
 * Every problem of a journey document, in a user's words, each naming the node, edge or field at fault.
 * Accepts anything (it is meant for untrusted input) and never throws.
 */
export function validate(input: unknown): Diagnostic[] {
  try {
    const migrated = migrateJourney(input)
    if (!migrated.ok) return [migrated.diagnostic]
    const { document } = migrated
    const parsed = journeySchema.safeParse(document)
    const view = readView(document)
    const diagnostics = [
      ...(parsed.success ? [] : schemaDiagnostics(document, parsed.error.issues)),
      ...checkGraph(view),
      ...checkContent(view),
    ]
    return diagnostics.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
  } catch (error) {
    // A bug of ours must not take the caller down with it; say so instead.
    return [{ severity: 'error', code: 'schema', message: `could not be checked: ${error instanceof Error ? error.message : String(error)}`, path: [] }]
  }
}
