import { validate, type Journey } from '@dunwell/journey'
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer'
import { createStore } from 'zustand/vanilla'
import { drawableEdges } from './drawable-edges'
import { editDocument } from './edit-document'
import { emptyHistory, record, stepBack, stepForward } from './history'
import type { Change, EditorState, JourneyMeta, Selection } from './types'

enablePatches()

/** Validation runs this long after the last change, not on every mouse move of a drag. */
const VALIDATE_DELAY_MS = 150

const nothing: Selection = { nodes: [], edges: [] }

/** One editor instance's state: the journey document, selection, diagnostics and undo history. */
export function createEditorStore(document: Journey, meta: JourneyMeta = { status: 'draft', latestVersion: null, hasDraft: true }) {
  let timer: ReturnType<typeof setTimeout> | undefined

  const store = createStore<EditorState>()((set, get) => {
    const scheduleValidation = () => {
      clearTimeout(timer)
      timer = setTimeout(() => set({ diagnostics: validate(get().document) }), VALIDATE_DELAY_MS)
    }

    /** Selection that still points at existing nodes and edges (after an undo, say). */
    const keepExisting = (selection: Selection, next: Journey): Selection => {
      const nodes = new Set(next.nodes.map((node) => node.id))
      const edges = new Set(next.edges.map((edge) => edge.id))
      return {
        nodes: selection.nodes.filter((id) => nodes.has(id)),
        edges: selection.edges.filter((id) => edges.has(id)),
        ...(selection.setting ? { setting: selection.setting } : {}),
      }
    }

    const replay = (direction: 'undo' | 'redo') => {
      const state = get()
      const step = direction === 'undo' ? stepBack(state.history) : stepForward(state.history)
      if (!step) return
      const patches = direction === 'undo' ? step.entry.inversePatches : step.entry.patches
      const next = applyPatches(state.document, patches)
      set({ document: next, history: step.history, selection: keepExisting(state.selection, next) })
      scheduleValidation()
    }

    return {
      document,
      selection: nothing,
      diagnostics: validate(document),
      history: emptyHistory,
      measured: {},
      saved: document,
      meta,

      applyChange(change: Change) {
        const state = get()
        if (change.type === 'paste' && change.fragment.nodes.length === 0) return
        let selection: Selection | undefined
        const context = { base: state.document, selection: state.selection, measured: state.measured }
        const [edited, editPatches, editInverse] = produceWithPatches(state.document, (draft) => {
          selection = editDocument(draft, change, context)
        })
        const [next, patches, inversePatches] = keepGraphWhole(state.document, edited, change, editPatches, editInverse)
        if (patches.length === 0 && !selection) return
        const mergeKey =
          change.type === 'move-nodes' && change.drag
            ? `drag:${change.drag}`
            : change.type === 'update-node-data' && change.edit
              ? `edit:${change.edit}`
              : change.type === 'update-template' && change.edit
                ? `template:${change.edit}`
                : change.type === 'replace-document' && change.edit
                  ? `document:${change.edit}`
                  : (change.type === 'update-settings' || change.type === 'describe') && change.edit
                    ? `settings:${change.edit}`
                    : undefined
        set({
          document: next,
          history: record(state.history, { change: change.type, patches, inversePatches, ...(mergeKey ? { mergeKey } : {}) }),
          selection: keepExisting(selection ?? state.selection, next),
        })
        if (patches.length > 0) scheduleValidation()
      },

      undo: () => replay('undo'),
      redo: () => replay('redo'),

      select(selection) {
        const current = get().selection
        if (sameIds(current.nodes, selection.nodes) && sameIds(current.edges, selection.edges) && current.setting === selection.setting) return
        set({ selection })
      },

      setMeasured(sizes) {
        set({ measured: { ...get().measured, ...sizes } })
      },

      markSaved(saved, diagnostics, changes) {
        const current = get()
        // Edits made while the request was under way keep their local diagnostics.
        if (current.document !== saved) return set({ saved, meta: { ...current.meta, ...changes } })
        clearTimeout(timer)
        set({ saved, diagnostics, meta: { ...current.meta, ...changes } })
      },

      dispose: () => clearTimeout(timer),
    }
  })
  return store
}

export type EditorStore = ReturnType<typeof createEditorStore>

/**
 * Every edit passes here: the edges it left that the canvas cannot draw (a removed branch's, a pasted one's to an
 * unknown outcome) go in the same history entry. The JSON view keeps what its author wrote: a dangling edge there
 * is a problem to list, not to drop. Runs on the finished document, whose unchanged nodes keep their identity.
 */
function keepGraphWhole(before: Journey, edited: Journey, change: Change, patches: Patch[], inversePatches: Patch[]): [Journey, Patch[], Patch[]] {
  const kept = change.type === 'replace-document' ? undefined : drawableEdges(before, edited)
  if (!kept) return [edited, patches, inversePatches]
  const [next, dropPatches, dropInverse] = produceWithPatches(edited, (draft) => {
    draft.edges = kept
  })
  return [next, [...patches, ...dropPatches], [...dropInverse, ...inversePatches]]
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index])
}
