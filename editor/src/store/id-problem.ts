import { outcomesOf, slug, type Journey, type JourneyNode } from '@dunwell/journey'

/** Why an id cannot be used, in terms the inspector words in the reader's language. */
export type IdProblem = { kind: 'empty' } | { kind: 'too-long'; max: number } | { kind: 'characters' } | { kind: 'taken' }

/** Whether `id` is a slug the journey schema accepts and not one of `taken`. */
export function idProblem(id: string, taken: ReadonlySet<string>): IdProblem | undefined {
  const parsed = slug.safeParse(id)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.code === 'too_small') return { kind: 'empty' }
    if (issue?.code === 'too_big') return { kind: 'too-long', max: Number(issue.maximum) }
    return { kind: 'characters' }
  }
  return taken.has(id) ? { kind: 'taken' } : undefined
}

/** A step's new id: unique among the document's steps and arrows (they share one namespace in the editor). */
export function stepIdProblem(document: Pick<Journey, 'nodes' | 'edges'>, from: string, to: string): IdProblem | undefined {
  if (to === from) return undefined
  const taken = new Set([...document.nodes.map((node) => node.id), ...document.edges.map((edge) => edge.id)])
  return idProblem(to, taken)
}

/** An outcome's new id: unique among the step's outcomes (a segment's `else` included). */
export function outcomeIdProblem(node: Pick<JourneyNode, 'type' | 'data'>, from: string, to: string): IdProblem | undefined {
  if (to === from) return undefined
  const taken = new Set((outcomesOf(node) ?? []).map((outcome) => outcome.id).filter((id) => id !== null))
  return idProblem(to, taken)
}
