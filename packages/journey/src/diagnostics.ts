export type DiagnosticSeverity = 'error' | 'warning'

export const diagnosticCodes = [
  'not-a-journey',
  'unknown-format',
  'schema',
  'duplicate-node-id',
  'duplicate-edge-id',
  'duplicate-outcome-id',
  'edge-missing-node',
  'unknown-handle',
  'outcome-connected-twice',
  'unconnected-outcome',
  'unreachable-node',
  'no-entry',
  'several-entries',
  'edge-into-entry',
  'cycle-without-wait',
  'split-weights',
  'unknown-template',
  'template-channel',
  'missing-locale-text',
  'missing-translation',
  'unknown-locale',
  'bad-expression',
  'bad-template',
  'bad-mjml',
  'unused-template',
  'unknown-event',
  'duplicate-band',
] as const

export type DiagnosticCode = (typeof diagnosticCodes)[number]

export type DiagnosticPath = (string | number)[]

export interface Diagnostic {
  severity: DiagnosticSeverity
  code: DiagnosticCode
  /** What is wrong, in a user's words. */
  message: string
  nodeId?: string
  edgeId?: string
  /** Where in the document, e.g. `["nodes", 3, "data", "branches", 0, "when"]`. */
  path: DiagnosticPath
}

/**
 * Diagnostics of the budget (template-budget.ts, expression-budget.ts), added after documents were published: a
 * stored version is loaded without them and the runtime's budget fails its messages and decisions one by one.
 */
const overBudget = new WeakSet<Diagnostic>()

export function markOverBudget(diagnostic: Diagnostic): Diagnostic {
  overBudget.add(diagnostic)
  return diagnostic
}

export function isOverBudget(diagnostic: Diagnostic): boolean {
  return overBudget.has(diagnostic)
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error')
}

/** `nodes[3].data.branches[0].when` */
export function formatPath(path: DiagnosticPath): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '')
}

/** One line a person reads: `node young: …` or `edge e3: …` or `templates.reminder: …`. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.nodeId ? `node ${diagnostic.nodeId}` : diagnostic.edgeId ? `edge ${diagnostic.edgeId}` : formatPath(diagnostic.path) || 'journey'
  return `${where}: ${diagnostic.severity === 'warning' ? 'warning: ' : ''}${diagnostic.message}`
}
