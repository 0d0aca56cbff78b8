import type { Journey } from '@dunwell/journey'
import { useEffect, useState } from 'react'
import { renderPreview, type RenderedMessage } from '../api/preview-api'
import type { SampleCase } from './sample-cases'

/** Waits for a pause in typing before asking the runtime. */
export const PREVIEW_DELAY_MS = 400

export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading'; last?: RenderedMessage }
  | { state: 'ready'; message: RenderedMessage }
  | { state: 'failed'; problem: string }

/** The runtime's rendering of a template of the current document, debounced and with stale answers dropped. */
export function usePreview(journey: Journey, templateId: string, sample: SampleCase, locale: string | undefined): PreviewState {
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' })
  useEffect(() => {
    const controller = new AbortController()
    setPreview((current) => ({
      state: 'loading',
      ...(current.state === 'ready' ? { last: current.message } : current.state === 'loading' && current.last ? { last: current.last } : {}),
    }))
    const timer = setTimeout(() => {
      renderPreview({ journey, templateId, sample, ...(locale ? { locale } : {}) }, controller.signal).then(
        (result) => setPreview(result.ok ? { state: 'ready', message: result.message } : { state: 'failed', problem: result.problem }),
        (error: unknown) => {
          if (!controller.signal.aborted) setPreview({ state: 'failed', problem: error instanceof Error ? error.message : String(error) })
        },
      )
    }, PREVIEW_DELAY_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [journey, templateId, sample, locale])
  return preview
}
