import type { Diagnostic, Journey } from '@dunwell/journey'
import type { DataPath } from './data-edits'

/** A path inside a node's data as one key: `branches.0.when`. */
export function pathKey(path: DataPath): string {
  return path.join('.')
}

export interface NodeProblems {
  /** Messages by the data field they name (`pathKey`). */
  byField: Map<string, Diagnostic[]>
  /** The node's problems that name no field of the inspector (an unconnected outcome, say). */
  general: Diagnostic[]
}

/**
 * The validator's findings about one node, sorted to the field they point at. A finding about a field the form
 * does not show (`known` says which it shows) goes to the nearest shown parent, else to the general list.
 */
export function nodeProblems(diagnostics: Diagnostic[], document: Journey, nodeId: string, known?: (key: string) => boolean): NodeProblems {
  const index = document.nodes.findIndex((node) => node.id === nodeId)
  const problems: NodeProblems = { byField: new Map(), general: [] }
  for (const diagnostic of diagnostics) {
    const [collection, at, data, ...rest] = diagnostic.path
    const inData = collection === 'nodes' && at === index && data === 'data' && rest.length > 0
    if (!inData) {
      if (diagnostic.nodeId === nodeId) problems.general.push(diagnostic)
      continue
    }
    let path = rest
    while (known && path.length > 0 && !known(pathKey(path))) path = path.slice(0, -1)
    if (path.length === 0) {
      problems.general.push(diagnostic)
      continue
    }
    const key = pathKey(path)
    problems.byField.set(key, [...(problems.byField.get(key) ?? []), diagnostic])
  }
  return problems
}

/**
 * A schema message starts with the field's path (`data.branches[0].when must …`, `settings.priority.rank must …`);
 * next to the field it is noise.
 */
export function fieldMessage(diagnostic: Diagnostic): string {
  return diagnostic.code === 'schema' ? diagnostic.message.replace(/^(data|settings|name|description)(\.[\w-]+|\[\d+\])*\s+/, '') : diagnostic.message
}
