import { celEnvironment, expressionVariables } from './cel-environment'
import { childNodes, type CelNode } from './expression-ast'

const roots = new Set(Object.keys(expressionVariables))

/** `debtor.age`, `case.attributes.plan` (also written `case.attributes['plan']`): the field a node reads, if it is one. */
function fieldPath(node: CelNode): string | undefined {
  if (node.op === 'id') return typeof node.args === 'string' && roots.has(node.args) ? node.args : undefined
  if (node.op !== '.' && node.op !== '[]') return undefined
  const [receiver, key] = node.args as [CelNode, unknown]
  if (node.op === '.' && typeof key === 'string') {
    const base = fieldPath(receiver)
    return base && `${base}.${key}`
  }
  if (node.op === '[]' && typeof key === 'object' && key !== null && (key as CelNode).op === 'value' && typeof (key as CelNode).args === 'string') {
    const base = fieldPath(receiver)
    return base && `${base}.${(key as CelNode).args as string}`
  }
  return undefined
}

/**
 * The fields of `case`, `debtor` and `event` a condition reads, in the order it names them, each once: what a test
 * run shows beside the condition's result. A loop's own variables are not fields. Empty for a condition that does
 * not parse.
 */
export function fieldsRead(source: string): string[] {
  let ast: CelNode
  try {
    ast = celEnvironment.parse(source).ast
  } catch {
    return []
  }
  const found: string[] = []
  const visit = (node: CelNode) => {
    const path = node.op === 'id' ? undefined : fieldPath(node)
    if (path) {
      if (!found.includes(path)) found.push(path)
      return
    }
    for (const child of childNodes(node)) visit(child)
  }
  visit(ast)
  return found
}
