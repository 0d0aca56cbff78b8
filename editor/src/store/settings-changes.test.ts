import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { createEditorStore } from './create-editor-store'

describe('changes of the settings', () => {
  it('writes the settings as one undo step, and only the fields that differ', () => {
    const store = createEditorStore(sampleJourney())
    const before = store.getState().document
    const settings = { ...before.settings, locales: ['en', 'de', 'fr'], priority: { rank: 3, whenOutranked: 'end' as const } }
    store.getState().applyChange({ type: 'update-settings', settings })
    expect(store.getState().document.settings).toEqual(settings)
    // Untouched parts of the document stay the same objects: the canvas does not redraw for a setting.
    expect(store.getState().document.nodes).toBe(before.nodes)
    expect(
      store
        .getState()
        .history.past.at(-1)
        ?.patches.map((patch) => patch.path.join('.'))
        .sort(),
    ).toEqual(['settings.locales', 'settings.priority'])
    store.getState().undo()
    expect(store.getState().document).toEqual(before)
    store.getState().redo()
    expect(store.getState().document.settings).toEqual(settings)
  })

  it('removes a setting left out, and makes the keystrokes of one visit to a field one undo step', () => {
    const journey = sampleJourney()
    journey.settings.goal = 'case.balance <= 0.0'
    const store = createEditorStore(journey)
    const { goal: _, ...withoutGoal } = journey.settings
    store.getState().applyChange({ type: 'update-settings', settings: withoutGoal })
    expect('goal' in store.getState().document.settings).toBe(false)
    for (const typed of ['c', 'ca', 'case.balance < 10.0']) {
      store.getState().applyChange({ type: 'update-settings', settings: { ...withoutGoal, goal: typed }, edit: 'settings.goal#1' })
    }
    expect(store.getState().history.past).toHaveLength(2)
    store.getState().undo()
    expect('goal' in store.getState().document.settings).toBe(false)
    store.getState().undo()
    expect(store.getState().document.settings.goal).toBe('case.balance <= 0.0')
  })

  it('sets and removes the description', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().applyChange({ type: 'describe', description: 'For first reminders', edit: 'description#1' })
    store.getState().applyChange({ type: 'describe', description: 'For first reminders only', edit: 'description#1' })
    expect(store.getState().document.description).toBe('For first reminders only')
    expect(store.getState().history.past).toHaveLength(1)
    store.getState().applyChange({ type: 'describe', description: '' })
    expect('description' in store.getState().document).toBe(false)
  })

  it('selects a setting for the settings screen, kept through edits until something else is selected', () => {
    const store = createEditorStore(sampleJourney())
    store.getState().select({ nodes: [], edges: [], setting: 'settings.goal' })
    expect(store.getState().selection.setting).toBe('settings.goal')
    store.getState().applyChange({ type: 'update-settings', settings: { ...store.getState().document.settings, goal: 'case.balance < 1.0' } })
    expect(store.getState().selection.setting).toBe('settings.goal')
    store.getState().select({ nodes: ['start'], edges: [] })
    expect(store.getState().selection.setting).toBeUndefined()
  })
})
