import type { Patch } from 'immer'
import type { History, HistoryEntry } from './types'

/** Enough to undo a long session; older entries are dropped. */
const LIMIT = 300

export const emptyHistory: History = { past: [], future: [] }

/**
 * Records an edit. An entry with the same `mergeKey` as the last one (the moves of one drag) joins it, so that
 * one undo takes the whole gesture back. A new edit clears the redo stack.
 */
export function record(history: History, entry: HistoryEntry): History {
  if (entry.patches.length === 0) return history
  const last = history.past.at(-1)
  if (last && entry.mergeKey && last.mergeKey === entry.mergeKey) {
    const merged: HistoryEntry = {
      ...last,
      patches: squash([...last.patches, ...entry.patches]),
      inversePatches: squash([...entry.inversePatches, ...last.inversePatches]),
    }
    return { past: [...history.past.slice(0, -1), merged], future: [] }
  }
  return { past: [...history.past, entry].slice(-LIMIT), future: [] }
}

/** The entry to undo and the history after undoing it. */
export function stepBack(history: History): { entry: HistoryEntry; history: History } | undefined {
  const entry = history.past.at(-1)
  if (!entry) return undefined
  return { entry, history: { past: history.past.slice(0, -1), future: [entry, ...history.future] } }
}

/** The entry to redo and the history after redoing it. */
export function stepForward(history: History): { entry: HistoryEntry; history: History } | undefined {
  const entry = history.future[0]
  if (!entry) return undefined
  return { entry, history: { past: [...history.past, entry], future: history.future.slice(1) } }
}

/** Replacements of the same path: only the last one counts (a drag moves the same nodes many times). */
function squash(patches: Patch[]): Patch[] {
  if (patches.some((patch) => patch.op !== 'replace')) return patches
  const last = new Map<string, Patch>()
  for (const patch of patches) {
    const key = JSON.stringify(patch.path)
    last.delete(key)
    last.set(key, patch)
  }
  return [...last.values()]
}
