import { ApiError, createClient, unwrap } from '@dunwell/client'
import type { Diagnostic, Journey } from '@dunwell/journey'

/** The editor is served by the runtime itself: same origin, and no key needed in development mode. */
export const client = createClient({ baseUrl: window.location.origin })

export interface JourneySummary {
  id: string
  name: string
  status: string
  latestVersion: number | null
  hasDraft: boolean
  updatedAt: string
}

export interface LoadedJourney extends Omit<JourneySummary, 'updatedAt'> {
  document: Journey | null
}

export function listJourneys(): Promise<JourneySummary[]> {
  return unwrap(client.api.journeys.$get())
}

export async function loadJourney(id: string): Promise<LoadedJourney> {
  const journey = await unwrap(client.api.journeys[':id'].$get({ param: { id } }))
  return { ...journey, document: journey.document as Journey | null }
}

export async function saveDraft(document: Journey): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  const answer = await unwrap(client.api.journeys[':id'].draft.$put({ param: { id: document.id }, json: document }))
  return { valid: answer.valid, diagnostics: answer.diagnostics as Diagnostic[] }
}

export type PublishResult = { ok: true; version: number } | { ok: false; diagnostics: Diagnostic[] }

/** Publishes the saved draft; a draft with errors comes back with its diagnostics (422). */
export async function publishDraft(id: string, note?: string): Promise<PublishResult> {
  const response = await client.api.journeys[':id'].publish.$post({ param: { id }, json: note ? { note } : {} })
  if (response.status === 422) {
    const body = (await response.json()) as { diagnostics?: Diagnostic[] }
    if (Array.isArray(body.diagnostics)) return { ok: false, diagnostics: body.diagnostics }
  }
  const published = await unwrap(response)
  return { ok: true, version: (published as { version: number }).version }
}

/** One line for a person: the problem's detail and each field at fault. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return [error.detail ?? error.title, ...error.errors.map((e) => `${e.path}: ${e.message}`)].join(' · ')
  return error instanceof Error ? error.message : String(error)
}

export type StatusAction = 'pause' | 'resume' | 'archive'

/** Pause, resume or archive a journey. These routes are registered in a loop, which the typed client cannot see. */
export async function changeJourneyStatus(id: string, action: StatusAction): Promise<{ id: string; status: string }> {
  const response = await fetch(`/api/journeys/${encodeURIComponent(id)}/${action}`, { method: 'POST' })
  if (!response.ok) throw await ApiError.from(response)
  return (await response.json()) as { id: string; status: string }
}
