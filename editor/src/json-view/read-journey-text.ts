import { describeDiagnostic, journeySchema, migrateJourney, parseJson, validate, type Diagnostic, type Journey } from '@dunwell/journey'
import { parseTree, type Node, type ParseError } from 'jsonc-parser'
import { pathRange, type TextRange } from './json-locations'

/** Something that keeps the text from being applied, and where it is. */
export interface TextProblem {
  message: string
  range: TextRange
}

export type ReadResult = { ok: true; document: Journey } | { ok: false; problems: TextProblem[] }

/** A finding in words; the node or edge is named, a document field already names itself in the message. */
function describe(diagnostic: Diagnostic): string {
  return diagnostic.nodeId || diagnostic.edgeId ? describeDiagnostic(diagnostic) : diagnostic.message
}

/** Findings that mean the text is not a journey at all: the canvas cannot show it. */
const blocking = new Set<Diagnostic['code']>(['not-a-journey', 'unknown-format', 'schema'])

/**
 * The JSON view's text as a journey, or why it is none: not JSON (with where), JSON that does not fit the journey
 * schema (each finding at its path), or another journey's id (`id`: the server keeps a draft under its journey's
 * id). Findings such as an unreachable step do not block: they are the validator's, shown on the canvas and the
 * problems list as for any other edit.
 */
export function readJourneyText(text: string, id?: string): ReadResult {
  const parsed = parseJson(text)
  if (!parsed.ok) {
    const errors: ParseError[] = []
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
    const offset = errors[0]?.offset ?? 0
    return { ok: false, problems: [{ message: parsed.diagnostic.message, range: { offset, length: Math.max(1, errors[0]?.length ?? 1) } }] }
  }
  const diagnostics = validate(parsed.value).filter((diagnostic) => blocking.has(diagnostic.code))
  const migrated = migrateJourney(parsed.value)
  const document = migrated.ok ? journeySchema.safeParse(migrated.document) : undefined
  const root = parseTree(text)
  if (diagnostics.length === 0 && document?.success) {
    if (id === undefined || document.data.id === id) return { ok: true, document: document.data }
    const message = `the id stays "${id}": a copy under another id is made with Duplicate in the journeys list`
    return { ok: false, problems: [{ message, range: pathRange(root, ['id']) ?? { offset: 0, length: 1 } }] }
  }
  const found = diagnostics.length > 0 ? diagnostics : [{ severity: 'error', code: 'schema', message: 'does not fit the journey schema', path: [] } satisfies Diagnostic]
  return { ok: false, problems: found.map((diagnostic) => ({ message: describe(diagnostic), range: pathRange(root, diagnostic.path) ?? { offset: 0, length: 1 } })) }
}

/** The validator's findings on the applied document, each at its place in the text. */
export function diagnosticRanges(root: Node | undefined, diagnostics: readonly Diagnostic[]): (TextProblem & { severity: Diagnostic['severity'] })[] {
  return diagnostics.flatMap((diagnostic) => {
    const range = pathRange(root, diagnostic.path)
    return range ? [{ message: describe(diagnostic), severity: diagnostic.severity, range }] : []
  })
}
