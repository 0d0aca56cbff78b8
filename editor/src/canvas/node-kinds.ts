import { nodeKindOf, type NodeKind, type NodeTone } from '@dunwell/journey'

/** The metadata of a node kind (title, icon, help, summary, handles), or undefined for an unknown type. */
export function kindOf(type: string): NodeKind | undefined {
  return nodeKindOf(type) as NodeKind | undefined
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

/** A colour family per kind (its definition's tone), so that a journey reads at a glance; `channel` for a kind this editor does not know. */
export function toneOf(type: string): NodeTone {
  return kindOf(type)?.tone ?? 'channel'
}
