import fc from 'fast-check'
import { JOURNEY_FORMAT, type Journey, type JourneyEdge, type JourneyNode } from '../document'
import type { HandleSpec } from '../node-kind'
import { outcomesOf, pauses } from '../nodes'
import type { Channel } from '../nodes/channel'
import type { Settings } from '../settings'
import type { Template } from '../template'

import { claim, entryData, freeText, type NodeDraft, nodeBase, nodeDraft, position, settings, slug, type TemplateDraft } from './arbitrary-node-drafts'

export { validConditions, validValueExpressions } from './arbitrary-node-drafts'

interface Plan {
  meta: { id: string; name: string; description?: string }
  settings: Settings
  entry: { word: string; position: { x: number; y: number }; order: number; base: { label?: string; note?: string }; data: JourneyNode<'entry'>['data'] }
  drafts: NodeDraft[]
  /** Read in turn by the builder for every decision; 0 prefers a new node, so shrinking simplifies the graph. */
  choices: number[]
  words: string[]
}

/**
 * Turns a plan into a valid journey by depth-first construction from the entry. Each outcome leads to a new node
 * (a tree edge), a node whose subtree is complete (a cross edge, which closes no loop) or a wait on the current
 * path, itself included (a back edge). Every loop of a graph contains a back edge, so every loop contains a wait.
 */
function build(plan: Plan): Journey {
  let cursor = 0
  const choose = (count: number) => (count <= 1 || plan.choices.length === 0 ? 0 : plan.choices[cursor++ % plan.choices.length]! % count)
  const word = (index: number) => plan.words[index % plan.words.length] ?? 'n'

  const nodes: { node: JourneyNode; order: number }[] = []
  const edges: JourneyEdge[] = []
  const templates: Record<string, Template> = {}
  const templatesByChannel = new Map<Channel, string[]>()
  const finished: string[] = []
  const nodeIds = new Set<string>()
  const templateIds = new Set<string>()
  let nextDraft = 0

  const localized = (values: string[]) => Object.fromEntries(plan.settings.locales.map((locale, index) => [locale, values[index]!]))
  const templateFor = (channel: Channel, draft: TemplateDraft): string => {
    const existing = templatesByChannel.get(channel) ?? []
    if (existing.length > 0 && choose(3) === 0) return existing[choose(existing.length)]!
    const id = claim(templateIds, draft.word)
    templates[id] = {
      channel,
      ...(draft.name !== undefined ? { name: draft.name } : {}),
      ...(channel === 'email' ? { subject: localized(draft.subject), body: localized(draft.emailBody) } : { body: localized(draft.body) }),
    }
    templatesByChannel.set(channel, [...existing, id])
    return id
  }

  const create = (draft: NodeDraft, id: string, forceEnd: boolean): JourneyNode => {
    const { position, base } = draft
    if (forceEnd && !pauses(draft.type) && draft.type !== 'exit') {
      return { id, type: 'exit', position, data: { ...base, outcome: 'no-response' } }
    }
    if ('data' in draft) return { id, type: draft.type, position, data: { ...base, ...draft.data } } as JourneyNode
    switch (draft.type) {
      case 'email':
      case 'sms':
      case 'whatsapp':
      case 'letter':
        return { id, type: draft.type, position, data: { ...base, template: templateFor(draft.type, draft.template) } } as JourneyNode
      case 'call':
        return {
          id,
          type: 'call',
          position,
          data: {
            ...base,
            queue: draft.queue,
            ...(draft.template ? { template: templateFor('call', draft.template) } : {}),
            ...(draft.priority !== undefined ? { priority: draft.priority } : {}),
          },
        }
    }
  }

  const edge = (source: string, handle: HandleSpec, target: string): JourneyEdge => ({
    id: `e${edges.length + 1}`,
    source,
    ...(handle.id !== null ? { sourceHandle: handle.id } : {}),
    target,
  })

  const visit = (node: JourneyNode, waitsOnPath: string[]) => {
    const path = pauses(node.type) ? [...waitsOnPath, node.id] : waitsOnPath
    const handles = outcomesOf(node) ?? []
    for (const handle of handles) {
      if (handle.optional && choose(2) === 0) continue
      const ways = [
        ...(nextDraft < plan.drafts.length ? (['new', 'new', 'new'] as const) : []),
        ...(finished.length > 0 ? (['cross'] as const) : []),
        ...(path.length > 0 ? (['back'] as const) : []),
      ]
      const way = ways[choose(ways.length)]
      if (way === undefined) throw new Error('arbitraryJourney: an outcome has nowhere to go') // prevented by `create`'s forceEnd
      if (way === 'new') {
        const id = claim(nodeIds, word(nextDraft + 1))
        const draft = plan.drafts[nextDraft++]!
        // The last node, with nothing finished to join and no wait to loop back to, must end the journey itself.
        const child = create(draft, id, nextDraft === plan.drafts.length && finished.length === 0 && path.length === 0)
        nodes.push({ node: child, order: draft.order })
        edges.push(edge(node.id, handle, child.id))
        visit(child, path)
        continue
      }
      const target = way === 'cross' ? finished[choose(finished.length)]! : path[choose(path.length)]!
      edges.push(edge(node.id, handle, target))
    }
    finished.push(node.id)
  }

  const entry: JourneyNode<'entry'> = {
    id: claim(nodeIds, plan.entry.word),
    type: 'entry',
    position: plan.entry.position,
    data: { ...plan.entry.base, ...plan.entry.data },
  }
  nodes.push({ node: entry, order: plan.entry.order })
  // The entry's outcome must lead somewhere new: nothing is finished and no wait is on the path yet.
  if (plan.drafts.length === 0) throw new Error('arbitraryJourney: a journey needs at least one node after the entry')
  visit(entry, [])

  return {
    format: JOURNEY_FORMAT,
    ...plan.meta,
    settings: plan.settings,
    nodes: nodes.sort((a, b) => a.order - b.order).map(({ node }) => node),
    edges,
    templates,
  }
}

export interface ArbitraryJourneyOptions {
  /** Most nodes, the entry included (at least 2: an entry's outcome must lead somewhere); 40 when omitted. */
  maxNodes?: number
}

/**
 * Valid journeys of every shape: 2 to `maxNodes` nodes of all kinds, loops through waits, shared templates in every
 * locale, with no errors and no warnings. Shrinks towards fewer nodes and simpler graphs.
 */
export function arbitraryJourney(options: ArbitraryJourneyOptions = {}): fc.Arbitrary<Journey> {
  const maxNodes = Math.max(2, options.maxNodes ?? 40)
  return fc
    .record(
      {
        meta: fc.record({ id: slug, name: freeText(1), description: freeText() }, { requiredKeys: ['id', 'name'], noNullPrototype: true }),
        settings,
        entry: fc.record({ word: slug, position, order: fc.nat(), base: nodeBase, data: entryData }, { noNullPrototype: true }),
        // Sizes spread over the whole range, not only the small arrays fast-check prefers.
        drafts: fc.oneof(
          fc.array(nodeDraft, { minLength: 1, maxLength: maxNodes - 1 }),
          fc.array(nodeDraft, { minLength: 1, maxLength: maxNodes - 1, size: 'max' }),
        ),
        choices: fc.array(fc.nat(), { maxLength: 64 }),
        words: fc.array(slug, { minLength: 1, maxLength: 8 }),
      },
      { noNullPrototype: true },
    )
    .map(build)
}
