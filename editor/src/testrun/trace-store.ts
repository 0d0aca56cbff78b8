import type { Journey } from '@dunwell/journey'
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { useEditorStoreApi, type EditorStore } from '../store'
import type { RunSetup } from './run-setup'
import { highlightAt, type PathHighlight, type RunStep } from './trace-steps'

/** A finished test run of one case: its steps, and what the runtime said about the case. */
export interface TestRun {
  /** The document as it was run: a later edit makes the run stale. */
  document: Journey
  steps: RunStep[]
  /** The zone the debtor's local times are shown in. */
  timezone: string
  start: string
  days: number
  status: string
  outcome?: string
  /** Cases or events the runtime refused (e.g. an event for a field it does not know). */
  rejected: string[]
  truncated: boolean
}

export type RunState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'failed'; problem: string /** The draft's own errors, when they are why. */; invalid?: boolean }
  | { state: 'done'; run: TestRun }

/**
 * The test run's view state: the run, the step shown and the path highlighted on the canvas. It is never part of the
 * journey document nor of its undo history; one per editor instance, beside the editor's store.
 */
export interface TraceState {
  /** The case and events as last set up, kept while the panel is closed. */
  setup: RunSetup | null
  run: RunState
  index: number
  /** Whether the panel is open: the canvas shows the path only then. */
  open: boolean
  highlight: PathHighlight | null
  setSetup: (setup: RunSetup) => void
  setRun: (run: RunState) => void
  show: (index: number) => void
  /** The panel opened (the kept run's path shows again) or closed (the path goes, the run stays). */
  setOpen: (open: boolean) => void
  clear: () => void
}

export type TraceStore = StoreApi<TraceState>

const pathOf = (run: RunState, index: number, open: boolean) =>
  open && run.state === 'done' && run.run.steps.length ? highlightAt(run.run.steps, index) : null

export function createTraceStore(): TraceStore {
  return createStore<TraceState>()((set, get) => ({
    setup: null,
    run: { state: 'idle' },
    index: 0,
    open: false,
    highlight: null,
    setSetup: (setup) => set({ setup }),
    // A run that ends after the panel closed is kept, and shown when it opens again.
    setRun: (run) => set({ run, index: 0, highlight: pathOf(run, 0, get().open) }),
    show: (index) => {
      const { run, open } = get()
      if (run.state !== 'done') return
      const clamped = Math.max(0, Math.min(run.run.steps.length - 1, index))
      set({ index: clamped, highlight: pathOf(run, clamped, open) })
    },
    setOpen: (open) => set({ open, highlight: pathOf(get().run, get().index, open) }),
    clear: () => set({ run: { state: 'idle' }, index: 0, highlight: null }),
  }))
}

const stores = new WeakMap<EditorStore, TraceStore>()

/** The trace store that belongs to the editor store in context. */
export function useTraceStoreApi(): TraceStore {
  const editor = useEditorStoreApi()
  let store = stores.get(editor)
  if (!store) stores.set(editor, (store = createTraceStore()))
  return store
}

export function useTraceStore<T>(selector: (state: TraceState) => T): T {
  return useStore(useTraceStoreApi(), selector)
}
