import { journeySchema } from './document'
import { formatPath, type Diagnostic, type DiagnosticPath } from './diagnostics'
import { migrateJourney } from './migrate'
import { checkContent } from './validate/check-content'
import { checkEvents } from './validate/check-events'
import { checkGraph } from './validate/check-graph'
import { locate, schemaDiagnostics } from './validate/schema-issues'
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
      ...forbiddenKeys(document),
      ...(parsed.success ? [] : schemaDiagnostics(document, parsed.error.issues)),
      ...checkGraph(view),
      ...checkContent(view),
      ...checkEvents(view),
    ]
    return diagnostics.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
  } catch (error) {
    // A bug of ours must not take the caller down with it; say so instead.
    return [{ severity: 'error', code: 'schema', message: `could not be checked: ${error instanceof Error ? error.message : String(error)}`, path: [] }]
  }
}

/** JSON may carry a `__proto__` key, which zod's records skip without a word: refuse it instead of losing it. */
function forbiddenKeys(document: unknown): Diagnostic[] {
  const found: Diagnostic[] = []
  const visit = (value: unknown, path: DiagnosticPath, depth: number) => {
    if (depth > 64 || value === null || typeof value !== 'object') return
    for (const key of Object.keys(value)) {
      const inner = (value as Record<string, unknown>)[key]
      if (key === '__proto__') {
        found.push({
          severity: 'error',
          code: 'schema',
          message: `${formatPath(path) || 'the journey'} has a "__proto__" key, which is not allowed`,
          ...locate(document, path),
          path: [...path, key],
        })
      } else visit(inner, [...path, Array.isArray(value) ? Number(key) : key], depth + 1)
    }
  }
  visit(document, [], 0)
  return found
}
