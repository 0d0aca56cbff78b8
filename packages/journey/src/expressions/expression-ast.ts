import type { ASTNode } from '@marcbachmann/cel-js'

/** The macros that loop over a list or map: each runs its body once per element. */
export const comprehensionMacros = new Set(['all', 'exists', 'exists_one', 'map', 'filter'])

export type CelNode = ASTNode

function isNode(value: unknown): value is CelNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'start' in value && 'end' in value
}

/** The operands of a node, in source order (the library's documented `op`/`args` shape). */
export function childNodes(node: CelNode): CelNode[] {
  const found: CelNode[] = []
  const collect = (value: unknown): void => {
    if (isNode(value)) found.push(value)
    else if (Array.isArray(value)) for (const item of value) collect(item)
  }
  if (node.op !== 'value' && node.op !== 'id') collect(node.args)
  return found.sort((a, b) => a.start - b.start)
}

/** A receiver call `list.exists(x, …)` and its parts; undefined for any other node. */
export function receiverCall(node: CelNode): { name: string; receiver: CelNode; args: CelNode[] } | undefined {
  if (node.op !== 'rcall') return undefined
  const [name, receiver, args] = node.args
  return { name, receiver, args }
}

/** `list.exists(x, …)`, `list.map(x, …)` and the other loops. */
export function isComprehension(node: CelNode): boolean {
  const call = receiverCall(node)
  return call !== undefined && comprehensionMacros.has(call.name) && call.args[0]?.op === 'id'
}

/** `cel.bind(name, value, body)`. */
export function isBind(node: CelNode): boolean {
  const call = receiverCall(node)
  return call !== undefined && call.name === 'bind' && call.receiver.op === 'id' && call.receiver.args === 'cel'
}
