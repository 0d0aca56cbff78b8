import { validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEditorStore } from './create-editor-store'
import { copyFragment } from './fragment'

afterEach(() => vi.useRealTimers())

const ids = (items: { id: string }[]) => items.map((item) => item.id)

describe('createEditorStore', () => {
  it('adds a node with its own id, selects it, and undoes and redoes the change', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    store.getState().applyChange({ type: 'add-node', node: { type: 'email', position: { x: 0, y: 0 }, data: { template: 'reminder' } } })
    const added = store.getState().document.nodes.at(-1)
    expect(added?.id).toBe('email-1')
    expect(store.getState().selection).toEqual({ nodes: ['email-1'], edges: [] })
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
    expect(store.getState().selection.nodes).toEqual([])
    store.getState().redo()
    expect(ids(store.getState().document.nodes)).toContain('email-1')
  })

  it('splices a step dropped on an edge into it: the edge leads to the step, the step leads on, one undo step', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    const edge = before.edges.find((candidate) => candidate.id === 'e2')!
    const target = before.nodes.find((node) => node.id === edge.target)!
    const at = { x: target.position.x, y: target.position.y - 20 }
    store.getState().applyChange({ type: 'insert-on-edge', edge: 'e2', node: { type: 'wait', position: at, data: { for: 'P2D' } } })
    const { document, selection } = store.getState()
    // The step lands clear of the step it follows, and pushes the old target (and what follows it) down.
    const source = before.nodes.find((node) => node.id === edge.source)!
    const added = document.nodes.find((node) => node.id === 'wait-1')!
    expect(added.position.y).toBeGreaterThanOrEqual(source.position.y + 96 + 40)
    expect(document.nodes.find((node) => node.id === edge.target)!.position.y).toBeGreaterThanOrEqual(added.position.y + 96)
    expect(selection.nodes).toEqual(['wait-1'])
    // The edge keeps its id, source and outcome; only its target changed.
    expect(document.edges.find((candidate) => candidate.id === 'e2')).toEqual({ ...edge, target: 'wait-1' })
    expect(document.edges.filter((candidate) => candidate.source === 'wait-1')).toEqual([{ id: 'e-wait-1', source: 'wait-1', target: edge.target }])
    expect(validate(document)).toEqual(validate(before))
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
  })

  it('adds an exit dropped on an edge beside it: an exit has no outcome to lead on with', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    store.getState().applyChange({ type: 'insert-on-edge', edge: 'e2', node: { type: 'exit', position: { x: 0, y: 0 }, data: { outcome: 'paid' } } })
    expect(store.getState().document.edges).toEqual(before.edges)
    expect(ids(store.getState().document.nodes)).toContain('exit-1')
  })

  it('makes one history entry of the moves of one drag', () => {
    const store = createEditorStore(sampleJourney())
    for (let step = 1; step <= 5; step++) {
      store.getState().applyChange({ type: 'move-nodes', moves: [{ id: 'mail', position: { x: step * 10, y: 300 } }], drag: 'a' })
    }
    store.getState().applyChange({ type: 'move-nodes', moves: [{ id: 'mail', position: { x: 500, y: 300 } }], drag: 'b' })
    expect(store.getState().history.past).toHaveLength(2)
    store.getState().undo()
    expect(store.getState().document.nodes.find((node) => node.id === 'mail')?.position).toEqual({ x: 50, y: 300 })
    store.getState().undo()
    expect(store.getState().document.nodes.find((node) => node.id === 'mail')?.position).toEqual({ x: 0, y: 300 })
  })

  it('connects an outcome, replacing the edge it had, and leaves sourceHandle out for the default outcome', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().applyChange({ type: 'connect', connection: { source: 'age', sourceHandle: 'young', target: 'mail' } })
    const fromYoung = store.getState().document.edges.filter((edge) => edge.source === 'age' && edge.sourceHandle === 'young')
    expect(fromYoung).toEqual([{ id: 'e2', source: 'age', sourceHandle: 'young', target: 'mail' }])
    store.getState().applyChange({ type: 'delete-edge', id: 'e1' })
    store.getState().applyChange({ type: 'connect', connection: { source: 'start', sourceHandle: null, target: 'age' } })
    expect(store.getState().document.edges.at(-1)).toEqual({ id: 'e-start', source: 'start', target: 'age' })
  })

  it('deletes the selection with every edge touching it', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().select({ nodes: ['pause'], edges: ['e1'] })
    store.getState().applyChange({ type: 'delete-selection' })
    const { nodes, edges } = store.getState().document
    expect(ids(nodes)).not.toContain('pause')
    expect(edges.some((edge) => edge.id === 'e1' || edge.source === 'pause' || edge.target === 'pause')).toBe(false)
  })

  it('pastes a fragment from another journey with fresh ids, its inner edges and its templates', () => {
    const source = sampleJourney()
    const fragment = copyFragment(source, { nodes: ['promise', 'promised'], edges: [] })!
    expect(ids(fragment.edges)).toEqual(['e15'])
    const target = createEditorStore({ ...sampleJourney(), id: 'other', templates: {} })
    target.getState().applyChange({ type: 'paste', fragment, at: { x: 1000, y: 1000 } })
    const { nodes, edges } = target.getState().document
    expect(ids(nodes.slice(-2))).toEqual(['promise-1', 'promised-1'])
    expect(nodes.at(-2)?.position).toEqual({ x: 1000, y: 1000 })
    expect(edges.at(-1)).toEqual({ id: 'e-promise-1-event', source: 'promise-1', sourceHandle: 'event', target: 'promised-1' })
    expect(target.getState().selection.nodes).toEqual(['promise-1', 'promised-1'])
    const phone = copyFragment(source, { nodes: ['phone'], edges: [] })!
    target.getState().applyChange({ type: 'paste', fragment: phone, offset: { x: 40, y: 40 } })
    expect(Object.keys(target.getState().document.templates)).toEqual(['script'])
  })

  it('duplicates the selection next to it', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().select({ nodes: ['mail', 'pause'], edges: [] })
    store.getState().applyChange({ type: 'duplicate-selection' })
    const copies = store.getState().document.nodes.slice(-2)
    expect(ids(copies)).toEqual(['mail-1', 'pause-1'])
    expect(copies[0]?.position).toEqual({ x: 40, y: 340 })
    expect(store.getState().document.edges.at(-1)).toMatchObject({ source: 'mail-1', target: 'pause-1' })
  })

  it('lays the journey out top to bottom in one undoable change', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().applyChange({ type: 'auto-layout' })
    const y = (id: string) => store.getState().document.nodes.find((node) => node.id === id)!.position.y
    expect(y('start')).toBeLessThan(y('age'))
    expect(y('age')).toBeLessThan(y('tone'))
    expect(store.getState().history.past).toHaveLength(1)
  })

  it('replaces the document as the JSON view does: the replacements of one editing gesture are one undo step', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    const renamed = (name: string) => ({ ...store.getState().document, name })
    store.getState().applyChange({ type: 'replace-document', document: renamed('Second'), edit: 'json#1' })
    store.getState().applyChange({ type: 'replace-document', document: renamed('Second reminder'), edit: 'json#1' })
    store.getState().applyChange({ type: 'replace-document', document: renamed('Third'), edit: 'json#2' })
    expect(store.getState().history.past).toHaveLength(2)
    store.getState().undo()
    expect(store.getState().document.name).toBe('Second reminder')
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
  })

  it('validates shortly after a change, not on every change', () => {
    vi.useFakeTimers()
    const store = createEditorStore(sampleJourney())
    expect(store.getState().diagnostics).toEqual([])
    store.getState().applyChange({ type: 'delete-edge', id: 'e1' })
    expect(store.getState().diagnostics).toEqual([])
    vi.advanceTimersByTime(200)
    expect(store.getState().diagnostics).toEqual(validate(store.getState().document))
    expect(store.getState().diagnostics.some((diagnostic) => diagnostic.nodeId === 'start')).toBe(true)
  })
})

describe('unsaved changes', () => {
  it('are gone when the edits are undone back to the saved document', async () => {
    const { isDirty } = await import('./is-dirty')
    const { createEditorStore } = await import('./create-editor-store')
    const { sampleJourney } = await import('@dunwell/journey/testing')
    const store = createEditorStore(sampleJourney())
    expect(isDirty(store.getState())).toBe(false)
    store.getState().applyChange({ type: 'move-nodes', moves: [{ id: 'start', position: { x: 500, y: 500 } }] } as never)
    expect(isDirty(store.getState())).toBe(true)
    store.getState().undo()
    expect(isDirty(store.getState())).toBe(false)
  })
})
