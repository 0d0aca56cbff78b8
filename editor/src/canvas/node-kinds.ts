import { isNodeType, nodeKinds, type NodeKind } from '@dunwell/journey'

/** The metadata of a node kind (title, icon, help, summary, handles), or undefined for an unknown type. */
export function kindOf(type: string): NodeKind | undefined {
  return isNodeType(type) ? (nodeKinds[type] as unknown as NodeKind) : undefined
}

/** What a step is called: its label, else its kind's title (else its type, for a kind this editor does not know). */
export function titleOf(node: { type: string; data: unknown }): string {
  const label = (node.data as { label?: unknown } | null)?.label
  return typeof label === 'string' && label !== '' ? label : (kindOf(node.type)?.title ?? node.type)
}

/** Whether the step has a label of its own (its title is then not just its kind). */
export function isLabelled(node: { data: unknown }): boolean {
  const label = (node.data as { label?: unknown } | null)?.label
  return typeof label === 'string' && label !== ''
}

/** What the node does, in a few words; empty while its data is too broken to say. */
export function summaryOf(node: { type: string; data: unknown }): string {
  try {
    return kindOf(node.type)?.summary(node.data as never) ?? ''
  } catch {
    return ''
  }
}

/** A colour family per kind, so that a journey reads at a glance: flow, logic, channels, actions. */
export function toneOf(type: string): 'flow' | 'logic' | 'time' | 'channel' | 'action' {
  if (type === 'entry' || type === 'exit') return 'flow'
  if (type === 'segment' || type === 'split') return 'logic'
  if (type === 'wait' || type === 'await-arrangement') return 'time'
  if (type === 'action') return 'action'
  return 'channel'
}
