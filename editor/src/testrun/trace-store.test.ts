import { describe, expect, it } from 'vitest'
import { createTraceStore, type TestRun } from './trace-store'
import type { RunStep } from './trace-steps'

const step = (nodeId: string, edgeId?: string): RunStep => ({
  at: '2026-11-23T09:00:00.000Z',
  nodeId,
  ...(edgeId ? { edgeId } : {}),
  kind: 'enter',
  title: nodeId,
  lines: [],
  conditions: [],
  messages: [],
})
const run = {
  steps: [step('a'), step('b', 'a-b')],
  timezone: 'UTC',
  start: '2026-11-23T09:00:00Z',
  days: 7,
  status: 'active',
  rejected: [],
  truncated: false,
} as unknown as TestRun

describe('the trace store', () => {
  it('shows the path only while the panel is open, and keeps the run when it closes', () => {
    const store = createTraceStore()
    // A run that ends after the panel closed highlights nothing…
    store.getState().setRun({ state: 'done', run })
    expect(store.getState().highlight).toBeNull()
    // …until the panel opens again.
    store.getState().setOpen(true)
    expect(store.getState().highlight).toEqual({ nodes: { a: 'current' }, edges: {} })
    store.getState().show(5)
    expect(store.getState().index).toBe(1)
    expect(store.getState().highlight).toEqual({ nodes: { a: 'visited', b: 'current' }, edges: { 'a-b': 'current' } })
    store.getState().setOpen(false)
    expect(store.getState().highlight).toBeNull()
    store.getState().setOpen(true)
    expect(store.getState().highlight?.nodes.b).toBe('current')
    store.getState().clear()
    expect(store.getState()).toMatchObject({ run: { state: 'idle' }, highlight: null })
  })
})
