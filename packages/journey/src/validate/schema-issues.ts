import type { z } from 'zod'
import { formatPath, type Diagnostic, type DiagnosticPath } from '../diagnostics'
import { nodeTypes } from '../nodes'

type Issue = z.core.$ZodIssue

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  undefined: 'missing',
  null: 'null',
}

function received(issue: Issue): string | undefined {
  const match = /received (\w+)/.exec(issue.message)
  return match?.[1]
}

/** A zod issue in a user's words, without the field name (the caller adds where it is). */
export function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const got = received(issue)
      if (got === 'undefined') return 'is required'
      const expected = typeNames[issue.expected] ?? issue.expected
      return `must be ${expected === 'text' ? 'text' : expected}${got ? `, not ${typeNames[got] ?? got}` : ''}`
    }
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator === 'type' && issue.path.at(-1) === 'type') {
        return `unknown node type (expected one of ${nodeTypes.join(', ')})`
      }
      return issue.message
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])}`
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return issue.message.replace(/^Invalid input: /, '')
    default:
      return issue.message.replace(/^Invalid input: /, '')
  }
}

function lookup(root: unknown, path: DiagnosticPath): unknown {
  let value = root
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[part]
  }
  return value
}

/** Names the node or edge an issue belongs to, so that the editor can put it on the canvas. */
export function locate(root: unknown, path: DiagnosticPath): { nodeId?: string; edgeId?: string } {
  const [collection, index] = path
  if ((collection === 'nodes' || collection === 'edges') && typeof index === 'number') {
    const id = lookup(root, [collection, index, 'id'])
    if (typeof id === 'string' && id.length > 0) return collection === 'nodes' ? { nodeId: id } : { edgeId: id }
  }
  return {}
}

/** Where an issue is, within its node or edge when it has one: `data.branches[0].when`. */
function fieldName(root: unknown, path: DiagnosticPath): string {
  const located = locate(root, path)
  const inner = located.nodeId || located.edgeId ? path.slice(2) : path
  return formatPath(inner)
}

export function schemaDiagnostics(root: unknown, issues: readonly Issue[], offset: DiagnosticPath = []): Diagnostic[] {
  return issues.map((issue) => {
    const path = [...offset, ...(issue.path as DiagnosticPath)]
    const field = fieldName(root, path)
    const description = describeIssue(issue)
    return {
      severity: 'error',
      code: 'schema',
      message: field ? `${field} ${description}` : `the journey ${description}`,
      ...locate(root, path),
      path,
    }
  })
}
