import { isDirty } from '../store/is-dirty'
import { hasErrors } from '@dunwell/journey'
import { useCallback, useState } from 'react'
import { describeError, publishDraft, saveDraft } from '../api/journeys-api'
import { useEditorStoreApi } from '../store'

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' | 'publishing' }
  | { state: 'saved'; at: Date }
  | { state: 'published'; version: number }
  | { state: 'failed'; message: string }

/** Saving the draft (PUT) and publishing it (POST), with what happened last. */
export function useDraftSaving() {
  const store = useEditorStoreApi()
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' })

  const save = useCallback(async (): Promise<boolean> => {
    const document = store.getState().document
    setStatus({ state: 'saving' })
    try {
      const answer = await saveDraft(document)
      store.getState().markSaved(document, answer.diagnostics, { hasDraft: true })
      setStatus({ state: 'saved', at: new Date() })
      return true
    } catch (error) {
      setStatus({ state: 'failed', message: `Not saved: ${describeError(error)}` })
      return false
    }
  }, [store])

  /** `note` says what changed and why; it is kept with the version. */
  const publish = useCallback(
    async (note?: string) => {
      const state = store.getState()
      if (hasErrors(state.diagnostics)) return
      if (isDirty(state) && !(await save())) return
      setStatus({ state: 'publishing' })
      try {
        const result = await publishDraft(state.document.id, note)
        if (!result.ok) {
          store.getState().markSaved(store.getState().saved, result.diagnostics, {})
          setStatus({ state: 'failed', message: 'Not published: the server found problems (see Problems)' })
          return
        }
        store.getState().markSaved(store.getState().saved, store.getState().diagnostics, { latestVersion: result.version, hasDraft: false })
        setStatus({ state: 'published', version: result.version })
      } catch (error) {
        setStatus({ state: 'failed', message: `Not published: ${describeError(error)}` })
      }
    },
    [save, store],
  )

  return { status, save, publish }
}
