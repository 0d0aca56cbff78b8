import { describeDiagnostic, formatPath, journeySchema, migrateJourney, parseJson, validate, type Diagnostic, type Journey } from '@dunwell/journey'
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

/** One finding, wherever its node or edge now stands in the lists. */
function findingKey(diagnostic: Diagnostic): string {
  return `${diagnostic.nodeId ?? diagnostic.edgeId ?? formatPath(diagnostic.path)}|${diagnostic.message}`
}

/**
 * The JSON view's text as a journey, or why it is none: not JSON (with where), or JSON that does not fit the
 * journey schema (each finding at its path). Given the `current` document, the text must keep its id (the draft
 * is saved under it), and what was unfinished there already (an empty condition, a step without a template) does
 * not block an edit elsewhere: only what the text breaks anew does. Findings such as an unreachable step never
 * block: they are the validator's, shown on the canvas and in the problems list as for any other edit.
 */
export function readJourneyText(text: string, current?: Journey): ReadResult {
  const parsed = parseJson(text)
  if (!parsed.ok) {
    const errors: ParseError[] = []
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
    const offset = errors[0]?.offset ?? 0
    return { ok: false, problems: [{ message: parsed.diagnostic.message, range: { offset, length: Math.max(1, errors[0]?.length ?? 1) } }] }
  }
  const tolerated = new Set(
    current
      ? validate(current)
          .filter((diagnostic) => blocking.has(diagnostic.code))
          .map(findingKey)
      : [],
  )
  const found = validate(parsed.value).filter((diagnostic) => blocking.has(diagnostic.code) && !tolerated.has(findingKey(diagnostic)))
  const migrated = migrateJourney(parsed.value)
  const root = parseTree(text)
  const at = (diagnostic: Pick<Diagnostic, 'path'>) => pathRange(root, diagnostic.path) ?? { offset: 0, length: 1 }
  if (found.length > 0 || !migrated.ok) {
    const problems = found.length > 0 ? found : [{ severity: 'error', code: 'not-a-journey', message: 'not a journey', path: [] } satisfies Diagnostic]
    return { ok: false, problems: problems.map((diagnostic) => ({ message: describe(diagnostic), range: at(diagnostic) })) }
  }
  const strict = journeySchema.safeParse(migrated.document)
  // Unfinished as the current document already was: kept as written, as a saved draft is.
  const document = strict.success ? strict.data : (migrated.document as Journey)
  if (current && document.id !== current.id) {
    return {
      ok: false,
      problems: [{ message: `the id stays "${current.id}": a copy under another id is made with Duplicate in the journeys list`, range: at({ path: ['id'] }) }],
    }
  }
  return { ok: true, document }
}

/** The validator's findings on the applied document, each at its place in the text. */
export function diagnosticRanges(root: Node | undefined, diagnostics: readonly Diagnostic[]): (TextProblem & { severity: Diagnostic['severity'] })[] {
  return diagnostics.flatMap((diagnostic) => {
    const range = pathRange(root, diagnostic.path)
    return range ? [{ message: describe(diagnostic), severity: diagnostic.severity, range }] : []
  })
}
