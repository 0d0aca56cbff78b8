import type { JourneyNode } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { createEditorStore } from '../store'
import { insertItem, moveItem, newListItem, nodeDataChange, removeItem, renameKey, setAt, switchMode } from './data-edits'
import { formModel } from './form-model'

const nodeOf = (store: ReturnType<typeof createEditorStore>, id: string) => store.getState().document.nodes.find((node) => node.id === id)!

/** Types text one character at a time, as the inspector's text field does during one focus. */
function type(store: ReturnType<typeof createEditorStore>, id: string, path: (string | number)[], text: string, edit: string) {
  for (let end = 1; end <= text.length; end++) {
    store.getState().applyChange(nodeDataChange(id, setAt(nodeOf(store, id).data, path, text.slice(0, end)), edit))
  }
}

describe('inspector edits', () => {
  it('makes the keystrokes of one focus of a field one undo step', () => {
    const store = createEditorStore(sampleJourney())
    type(store, 'age', ['branches', 0, 'when'], 'debtor.age < 30', 'age:branches.0.when#1')
    expect(store.getState().history.past).toHaveLength(1)
    expect((nodeOf(store, 'age') as JourneyNode<'segment'>).data.branches[0]?.when).toBe('debtor.age < 30')
    store.getState().undo()
    expect((nodeOf(store, 'age') as JourneyNode<'segment'>).data.branches[0]?.when).toBe('debtor.age < 26')
    store.getState().redo()
    expect((nodeOf(store, 'age') as JourneyNode<'segment'>).data.branches[0]?.when).toBe('debtor.age < 30')
  })

  it('makes another focus of the same field another undo step', () => {
    const store = createEditorStore(sampleJourney())
    type(store, 'mail', ['label'], 'First', 'mail:label#1')
    type(store, 'mail', ['label'], 'Second', 'mail:label#2')
    expect(store.getState().history.past).toHaveLength(2)
    store.getState().undo()
    expect(nodeOf(store, 'mail').data.label).toBe('First')
  })

  it('makes a list edit one undo step', () => {
    const store = createEditorStore(sampleJourney())
    const node = nodeOf(store, 'age') as JourneyNode<'segment'>
    const branches = formModel('segment').modes[0]!.fields.find((field) => field.key === 'branches')!
    const item = newListItem(branches.type.kind === 'list' ? branches.type.item : branches.type, node.data.branches, 'branch')
    store.getState().applyChange(nodeDataChange('age', insertItem(node.data, ['branches'], item)))
    expect((nodeOf(store, 'age') as JourneyNode<'segment'>).data.branches).toEqual([node.data.branches[0], { id: 'branch-2', label: 'Branch 2', when: '' }])
    store.getState().undo()
    expect(nodeOf(store, 'age').data).toEqual(node.data)
  })

  it('removes an optional field left empty, and moves, removes and renames', () => {
    const data = { event: 'invoice.overdue', filter: 'true' }
    expect(setAt(data, ['filter'], undefined)).toEqual({ event: 'invoice.overdue' })
    expect(setAt({ set: { a: '1' } }, ['webhook', 'url'], 'https://x.test/')).toEqual({ set: { a: '1' }, webhook: { url: 'https://x.test/' } })
    const list = { branches: [1, 2, 3] }
    expect(moveItem(list, ['branches'], 2, 0)).toEqual({ branches: [3, 1, 2] })
    expect(moveItem(list, ['branches'], 0, -1)).toBe(list)
    expect(removeItem(list, ['branches'], 1)).toEqual({ branches: [1, 3] })
    expect(Object.keys(renameKey({ set: { a: '1', b: '2', c: '3' } }, ['set'], 'b', 'z').set)).toEqual(['a', 'z', 'c'])
  })

  it('switches a wait’s mode, keeping its label and note', () => {
    const node = { type: 'wait' as const, data: { label: 'Pause', note: 'why', for: 'P3D', businessDays: true } }
    expect(switchMode(node, 'event')).toEqual({ label: 'Pause', note: 'why', event: 'payment.received', timeout: 'P7D' })
    expect(switchMode(node, 'until')).toEqual({ label: 'Pause', note: 'why', until: '09:00' })
    expect(switchMode({ type: 'wait', data: { until: '09:00' } }, 'for')).toEqual({ for: 'P3D' })
    // An entry keeps who qualifies when it changes from an event to days past due and back.
    const entry = { type: 'entry' as const, data: { label: 'Start', event: 'invoice.overdue', filter: 'case.balance > 50', reentry: 'never' as const } }
    const byDays = switchMode(entry, 'daysPastDue')
    expect(byDays).toEqual({ label: 'Start', daysPastDue: 30, at: '09:00', filter: 'case.balance > 50', reentry: 'never' })
    expect(switchMode({ type: 'entry', data: byDays as never }, 'event')).toEqual({
      label: 'Start',
      event: 'invoice.overdue',
      filter: 'case.balance > 50',
      reentry: 'never',
    })
  })
})
