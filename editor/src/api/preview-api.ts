import type { Journey } from '@dunwell/journey'
import { authHeaders, reportUnauthorized } from '../session/api-key-store'
import type { SampleCase } from '../templates/sample-cases'

export interface PreviewRequest {
  journey: Journey
  templateId: string
  sample: SampleCase
  locale?: string
}

/** The message as the runtime would send it. */
export interface RenderedMessage {
  channel: string
  locale: string
  subject?: string
  html?: string
  text?: string
}

export type PreviewResult = { ok: true; message: RenderedMessage } | { ok: false; problem: string }

/**
 * Renders a template of the (unsaved) document with the runtime's own renderer: preview = what is sent. A template
 * that does not render comes back as the problem's detail, and so does a document the runtime refuses.
 */
export async function renderPreview(request: PreviewRequest, signal?: AbortSignal): Promise<PreviewResult> {
  const response = await fetch(new URL('/api/preview', window.location.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify(request),
    ...(signal ? { signal } : {}),
  })
  if (response.status === 401) reportUnauthorized()
  const body = (await response.json().catch(() => null)) as (RenderedMessage & ProblemBody) | null
  if (response.ok && body) return { ok: true, message: body }
  return { ok: false, problem: describeProblem(body, response) }
}

interface ProblemBody {
  title?: string
  detail?: string
  errors?: { path: string; message: string }[]
}

function describeProblem(body: ProblemBody | null, response: Response): string {
  if (!body) return `${response.status} ${response.statusText}`.trim()
  const errors = (body.errors ?? []).map((error) => `${error.path}: ${error.message}`)
  return [body.detail ?? body.title ?? `HTTP ${response.status}`, ...errors].join(' · ')
}
