import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { createEditorStore } from './create-editor-store'

const sms = {
  channel: 'sms' as const,
  name: 'Spare',
  body: { en: 'Hi {{ debtor.firstName | default: "there" }}', de: 'Hallo {{ debtor.firstName | default: "there" }}' },
}

describe('template changes', () => {
  it('adds a template, and one undo takes it away again', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    store.getState().applyChange({ type: 'add-template', id: 'spare', template: sms })
    expect(store.getState().document.templates.spare).toEqual(sms)
    expect(store.getState().history.past).toHaveLength(1)
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
    store.getState().redo()
    expect(store.getState().document.templates.spare).toEqual(sms)
  })

  it('does not replace a template whose id is taken', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    store.getState().applyChange({ type: 'add-template', id: 'nudge', template: sms })
    expect(store.getState().document).toBe(before)
    expect(store.getState().history.past).toHaveLength(0)
  })

  it('makes one undo step of the keystrokes of one editing gesture, writing only the locale typed in', () => {
    const store = createEditorStore(sampleJourney())
    const original = store.getState().document.templates.nudge!
    let text = original.body.de!
    for (const char of ' Danke!') {
      text += char
      const current = store.getState().document.templates.nudge!
      store
        .getState()
        .applyChange({ type: 'update-template', id: 'nudge', template: { ...current, body: { ...current.body, de: text } }, edit: 'nudge:body:de#1' })
    }
    expect(store.getState().document.templates.nudge!.body).toEqual({ ...original.body, de: `${original.body.de} Danke!` })
    expect(store.getState().history.past).toHaveLength(1)
    expect(store.getState().history.past[0]!.patches.map((patch) => patch.path)).toEqual([['templates', 'nudge', 'body', 'de']])
    store.getState().undo()
    expect(store.getState().document.templates.nudge).toEqual(original)
    store.getState().redo()
    expect(store.getState().document.templates.nudge!.body.de).toBe(`${original.body.de} Danke!`)
  })

  it('removes a locale whose text is emptied, and a new gesture is a new step', () => {
    const store = createEditorStore(sampleJourney())
    const original = store.getState().document.templates.nudge!
    store.getState().applyChange({ type: 'update-template', id: 'nudge', template: { ...original, body: { ...original.body, de: '' } }, edit: 'a' })
    expect(store.getState().document.templates.nudge!.body).not.toHaveProperty('de')
    store.getState().applyChange({ type: 'update-template', id: 'nudge', template: { ...original, name: 'Renamed' }, edit: 'b' })
    expect(store.getState().history.past).toHaveLength(2)
    store.getState().undo()
    store.getState().undo()
    expect(store.getState().document.templates.nudge).toEqual(original)
  })

  it('removes an unused template in one undoable step, and keeps one a step uses', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().applyChange({ type: 'add-template', id: 'spare', template: sms })
    const withSpare = store.getState().document
    store.getState().applyChange({ type: 'remove-template', id: 'spare' })
    expect(store.getState().document.templates).not.toHaveProperty('spare')
    store.getState().undo()
    expect(store.getState().document).toEqual(withSpare)

    const afterUndo = store.getState().document
    store.getState().applyChange({ type: 'remove-template', id: 'nudge' })
    expect(store.getState().document).toBe(afterUndo)
    expect(store.getState().history.past).toHaveLength(1)
  })
})
