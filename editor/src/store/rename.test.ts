import { validate, type Journey } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { createEditorStore } from './create-editor-store'
import { danglingEdges } from './drawable-edges'
import { outcomeIdProblem, stepIdProblem } from './id-problem'

const edgesOf = (document: Journey, node: string) => document.edges.filter((edge) => edge.source === node || edge.target === node)

/** The sample with edge ids as the editor names them (`e-<step>-<outcome>`). */
function editorNamed(): Journey {
  const journey = sampleJourney()
  journey.edges = journey.edges.map((edge) => ({ ...edge, id: `e-${edge.source}${edge.sourceHandle ? `-${edge.sourceHandle}` : ''}` }))
  return journey
}

describe('renaming an outcome', () => {
  it('carries the branch’s arrow to the new id in one undo step, and publishing finds nothing wrong', () => {
    const store = createEditorStore(editorNamed())
    const before = store.getState().document
    store.getState().applyChange({ type: 'rename-outcome', node: 'age', from: 'young', to: 'under-26' })
    const { document, history } = store.getState()
    const segment = document.nodes.find((node) => node.id === 'age')!
    expect(segment.data).toMatchObject({ branches: [{ id: 'under-26', label: 'Young' }] })
    expect(document.edges.find((edge) => edge.source === 'age' && edge.target === 'text')).toEqual({
      id: 'e-age-under-26',
      source: 'age',
      sourceHandle: 'under-26',
      target: 'text',
    })
    expect(validate(document)).toEqual([])
    expect(history.past).toHaveLength(1)
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
  })

  it('renames a split’s variant and keeps an edge id that was not named after it', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().applyChange({ type: 'rename-outcome', node: 'tone', from: 'b', to: 'control' })
    const { document } = store.getState()
    expect(document.edges.find((edge) => edge.id === 'e5')).toEqual({ id: 'e5', source: 'tone', sourceHandle: 'control', target: 'chat' })
    expect(validate(document)).toEqual([])
  })

  it('refuses an id another outcome of the step has (the segment’s else included), or one the schema refuses', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    for (const to of ['else', 'a b', '', 'x'.repeat(65)]) store.getState().applyChange({ type: 'rename-outcome', node: 'age', from: 'young', to })
    store.getState().applyChange({ type: 'rename-outcome', node: 'tone', from: 'a', to: 'b' })
    // An outcome the data does not define (the else) is not renamed either.
    store.getState().applyChange({ type: 'rename-outcome', node: 'age', from: 'else', to: 'other' })
    expect(store.getState().document).toBe(before)
    const segment = before.nodes.find((node) => node.id === 'age')!
    expect(outcomeIdProblem(segment, 'young', 'else')).toEqual({ kind: 'taken' })
    expect(outcomeIdProblem(segment, 'young', 'a b')).toEqual({ kind: 'characters' })
    expect(outcomeIdProblem(segment, 'young', '')).toEqual({ kind: 'empty' })
    expect(outcomeIdProblem(segment, 'young', 'x'.repeat(65))).toEqual({ kind: 'too-long', max: 64 })
    expect(outcomeIdProblem(segment, 'young', 'young')).toBeUndefined()
  })

  it('removing a variant removes its arrow in the same undo step', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    const split = before.nodes.find((node) => node.id === 'tone')!
    const data = split.data as { variants: { id: string; weight: number }[] }
    store.getState().applyChange({ type: 'update-node-data', id: 'tone', data: { ...data, variants: [{ ...data.variants[0]!, weight: 100 }] } as never })
    const { document, history } = store.getState()
    expect(document.edges.map((edge) => edge.id)).not.toContain('e5')
    expect(danglingEdges(document)).toEqual([])
    expect(history.past).toHaveLength(1)
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
  })
})

describe('renaming a step', () => {
  it('updates the edges from and to it and the edge ids named after it, in one undo step', () => {
    const store = createEditorStore(editorNamed())
    const before = store.getState().document
    store.getState().applyChange({ type: 'rename-node', from: 'age', to: 'by-age' })
    const { document, selection, history } = store.getState()
    expect(document.nodes.map((node) => node.id)).toContain('by-age')
    expect(document.nodes.map((node) => node.id)).not.toContain('age')
    expect(edgesOf(document, 'by-age')).toEqual([
      { id: 'e-start', source: 'start', target: 'by-age' },
      { id: 'e-by-age-young', source: 'by-age', sourceHandle: 'young', target: 'text' },
      { id: 'e-by-age-else', source: 'by-age', sourceHandle: 'else', target: 'tone' },
    ])
    expect(edgesOf(document, 'age')).toEqual([])
    expect(validate(document)).toEqual([])
    expect(selection.nodes).toEqual(['by-age'])
    expect(history.past).toHaveLength(1)
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
  })

  it('keeps edge ids unique when the derived one is taken, and leaves ids it did not derive alone', () => {
    const journey = editorNamed()
    // Another step's edge already has the id the renamed one would get, and an edge id only looks derived.
    journey.edges = journey.edges.map((edge) => (edge.id === 'e-post' ? { ...edge, id: 'e-post-mail' } : edge))
    journey.edges.push({ id: 'e-mailbox', source: 'mail', sourceHandle: 'failed', target: 'phone' })
    const store = createEditorStore(journey)
    store.getState().applyChange({ type: 'rename-node', from: 'mail', to: 'post-mail' })
    const ids = store.getState().document.edges.map((edge) => edge.id)
    expect(new Set(ids).size).toBe(ids.length)
    const renamed = store.getState().document.edges.filter((edge) => edge.source === 'post-mail')
    expect(renamed.map((edge) => edge.id).sort()).toEqual(['e-mailbox', 'e-post-mail-1'])
    expect(ids).toContain('e-post-mail')
  })

  it('refuses an id that another step or edge has, or that the schema refuses, with the reason', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    for (const to of ['tone', 'e1', 'Ä', '-x', '']) store.getState().applyChange({ type: 'rename-node', from: 'age', to })
    expect(store.getState().document).toBe(before)
    expect(stepIdProblem(before, 'age', 'tone')).toEqual({ kind: 'taken' })
    expect(stepIdProblem(before, 'age', 'e1')).toEqual({ kind: 'taken' })
    expect(stepIdProblem(before, 'age', 'Ä')).toEqual({ kind: 'characters' })
    expect(stepIdProblem(before, 'age', 'age')).toBeUndefined()
    expect(stepIdProblem(before, 'age', 'Age_2')).toBeUndefined()
  })
})

describe('edges the canvas cannot draw', () => {
  it('are kept when the document came with them, until an edit touches them, and never made by an edit', () => {
    const journey = sampleJourney()
    journey.edges.push({ id: 'stray', source: 'age', sourceHandle: 'old', target: 'tone' })
    const store = createEditorStore(journey)
    // An unrelated edit keeps the loaded problem where the problems panel shows it.
    store.getState().applyChange({ type: 'move-nodes', moves: [{ id: 'mail', position: { x: 40, y: 300 } }] })
    expect(danglingEdges(store.getState().document).map((edge) => edge.id)).toEqual(['stray'])
    // Reconnecting it from a real outcome fixes it.
    store.getState().applyChange({ type: 'reconnect', id: 'stray', connection: { source: 'age', sourceHandle: 'young', target: 'mail' } })
    expect(danglingEdges(store.getState().document)).toEqual([])
    expect(store.getState().document.edges.find((edge) => edge.id === 'stray')).toEqual({ id: 'stray', source: 'age', sourceHandle: 'young', target: 'mail' })
    // A connection from an outcome the step does not have is not made.
    const before = store.getState().document
    store.getState().applyChange({ type: 'connect', connection: { source: 'tone', sourceHandle: 'c', target: 'mail' } })
    expect(store.getState().document.edges).toEqual(before.edges)
  })
})
