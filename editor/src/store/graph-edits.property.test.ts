import { nodeKinds, nodeTypes, outcomesOf, type Journey, type JourneyNode } from '@dunwell/journey'
import { arbitraryJourney } from '@dunwell/journey/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { removeItem, switchMode } from '../inspector/data-edits'
import { createEditorStore, type EditorStore } from './create-editor-store'
import { danglingEdges } from './drawable-edges'
import { copyFragment } from './fragment'

/** One edit as the user makes it; the numbers pick among what the document has at that moment. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('add-node' as const), type: fc.constantFrom(...nodeTypes) }),
  fc.record({ op: fc.constant('remove-node' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('connect' as const), source: fc.nat(), handle: fc.nat(), target: fc.nat(), bogus: fc.boolean() }),
  // Ids a person might type: fresh ones, ones already taken, reserved and malformed ones.
  fc.record({
    op: fc.constant('rename-outcome' as const),
    pick: fc.nat(),
    item: fc.nat(),
    to: fc.constantFrom('young', 'a', 'b', 'else', 'branch-1', 'x y', '', 'v2'),
  }),
  fc.record({ op: fc.constant('remove-outcome' as const), pick: fc.nat(), item: fc.nat() }),
  fc.record({
    op: fc.constant('rename-node' as const),
    pick: fc.nat(),
    to: fc.oneof(
      fc.constantFrom('renamed', 'e-1', 'start', 'Ä', ''),
      fc.nat(5).map((n) => `step-${n}`),
    ),
  }),
  fc.record({ op: fc.constant('taken-id' as const), pick: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('wait-mode' as const), pick: fc.nat(), mode: fc.constantFrom('for', 'until', 'event') }),
  fc.record({ op: fc.constant('paste' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), bogus: fc.boolean() }),
  fc.constant({ op: 'undo' as const }),
  fc.constant({ op: 'redo' as const }),
)
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never

const at = <T>(items: T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length])

/** The list of a segment's or split's outcome items. */
const itemsKey = (node: JourneyNode) => (node.type === 'segment' ? 'branches' : node.type === 'split' ? 'variants' : undefined)

function apply(store: EditorStore, step: Edit) {
  const { document, applyChange, select, undo, redo } = store.getState()
  const nodes = document.nodes
  switch (step.op) {
    case 'add-node':
      return applyChange({
        type: 'add-node',
        node: { type: step.type, position: { x: 0, y: 0 }, data: structuredClone(nodeKinds[step.type].defaults) } as never,
      })
    case 'remove-node': {
      const node = at(nodes, step.pick)
      if (!node) return
      select({ nodes: [node.id], edges: [] })
      return store.getState().applyChange({ type: 'delete-selection' })
    }
    case 'connect': {
      const source = at(nodes, step.source)
      const target = at(nodes, step.target)
      if (!source || !target) return
      const handle = at(outcomesOf(source) ?? [], step.handle)
      return applyChange({
        type: 'connect',
        connection: { source: source.id, sourceHandle: step.bogus ? 'no-such-outcome' : (handle?.id ?? null), target: target.id },
      })
    }
    case 'rename-outcome': {
      const node = at(
        nodes.filter((candidate) => itemsKey(candidate)),
        step.pick,
      )
      const items = node ? ((node.data as Record<string, { id: string }[]>)[itemsKey(node)!] ?? []) : []
      const item = at(items, step.item)
      if (node && item) applyChange({ type: 'rename-outcome', node: node.id, from: item.id, to: step.to })
      return
    }
    case 'remove-outcome': {
      // As the inspector's remove button does: new data without the item.
      const node = at(
        nodes.filter((candidate) => itemsKey(candidate)),
        step.pick,
      )
      if (!node) return
      const items = (node.data as Record<string, unknown[]>)[itemsKey(node)!] ?? []
      if (items.length > 0) applyChange({ type: 'update-node-data', id: node.id, data: removeItem(node.data, [itemsKey(node)!], step.item % items.length) })
      return
    }
    case 'rename-node': {
      const node = at(nodes, step.pick)
      if (node) applyChange({ type: 'rename-node', from: node.id, to: step.to })
      return
    }
    case 'taken-id': {
      const node = at(nodes, step.pick)
      const other = at(document.edges, step.other)
      if (node && other) applyChange({ type: 'rename-node', from: node.id, to: other.id })
      return
    }
    case 'wait-mode': {
      const node = at(
        nodes.filter((candidate) => candidate.type === 'wait'),
        step.pick,
      )
      if (node) applyChange({ type: 'update-node-data', id: node.id, data: switchMode(node, step.mode) })
      return
    }
    case 'paste': {
      const picked = [...new Set(step.picks.map((n) => at(nodes, n)?.id).filter((id) => id !== undefined))]
      const fragment = copyFragment(document, { nodes: picked, edges: [] })
      if (!fragment) return
      // A fragment from another journey (or the clipboard of an older editor) may name outcomes this one lacks.
      const first = fragment.nodes[0]!
      if (step.bogus) fragment.edges.push({ id: 'x', source: first.id, sourceHandle: 'gone', target: first.id })
      return applyChange({ type: 'paste', fragment, offset: { x: 40, y: 40 } })
    }
    case 'undo':
      return undo()
    case 'redo':
      return redo()
  }
}

describe('random edit sequences through the store', () => {
  it('never leave an edge the canvas cannot draw, keep ids unique, and undo and redo restore each document exactly', () => {
    fc.assert(
      fc.property(arbitraryJourney({ maxNodes: 10 }), fc.array(edit, { minLength: 1, maxLength: 30 }), (journey, steps) => {
        const store = createEditorStore(journey)
        const past: Journey[] = []
        let future: Journey[] = []
        try {
          for (const step of steps) {
            const before = store.getState().document
            apply(store, step)
            const after = store.getState().document
            expect(danglingEdges(after)).toEqual([])
            const ids = [...after.nodes.map((node) => node.id), ...after.edges.map((edge) => edge.id)]
            expect(new Set(ids).size).toBe(ids.length)
            // A rename carries every arrow along: none is lost (dropping them would also leave nothing dangling).
            if (step.op === 'rename-outcome' || step.op === 'rename-node') expect(after.edges.length).toBe(before.edges.length)
            if (step.op === 'undo') {
              if (past.length > 0) {
                expect(after).toEqual(past.pop())
                future.unshift(before)
              } else expect(after).toBe(before)
            } else if (step.op === 'redo') {
              if (future.length > 0) {
                expect(after).toEqual(future.shift())
                past.push(before)
              } else expect(after).toBe(before)
            } else if (after !== before) {
              past.push(before)
              future = []
            }
          }
        } finally {
          store.getState().dispose()
        }
      }),
      { seed: 20261204, numRuns: 150 },
    )
  })
})
