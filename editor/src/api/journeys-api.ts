import { ApiError, createClient, unwrap } from '@dunwell/client'
import type { JourneyStatus, JourneySummary } from '@dunwell/contract'
import type { Diagnostic, Journey } from '@dunwell/journey'
import { sessionMiddleware } from '../session/session-middleware'

/** The editor is served by the runtime itself: same origin; the signed-in key goes with every call (none in development mode). */
export const client = createClient({ baseUrl: window.location.origin })
client.use(sessionMiddleware)

export type { JourneySummary }

export interface LoadedJourney extends Omit<JourneySummary, 'updatedAt'> {
  document: Journey | null
}

export function listJourneys(): Promise<JourneySummary[]> {
  return unwrap(client.GET('/api/journeys'))
}

export async function loadJourney(id: string): Promise<LoadedJourney> {
  const journey = await unwrap(client.GET('/api/journeys/{id}', { params: { path: { id } } }))
  // A draft may be unfinished: the editor reads what there is, and the diagnostics say what is missing.
  return { ...journey, document: journey.document as unknown as Journey | null }
}

export async function saveDraft(document: Journey): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  return unwrap(client.PUT('/api/journeys/{id}/draft', { params: { path: { id: document.id } }, body: document }))
}

export type PublishResult = { ok: true; version: number } | { ok: false; diagnostics: Diagnostic[] }

/** Publishes the saved draft; a draft with errors comes back with its diagnostics (422). */
export async function publishDraft(id: string, note?: string): Promise<PublishResult> {
  const answer = await client.POST('/api/journeys/{id}/publish', { params: { path: { id } }, body: note ? { note } : {} })
  if (answer.response.status === 422) {
    const diagnostics = (answer.error as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics
    if (Array.isArray(diagnostics)) return { ok: false, diagnostics }
  }
  const published = await unwrap(answer)
  return { ok: true, version: published.version }
}

/** One line for a person: the problem's detail and each field at fault. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return [error.detail ?? error.title, ...error.errors.map((e) => `${e.path}: ${e.message}`)].join(' · ')
  return error instanceof Error ? error.message : String(error)
}

export type StatusAction = 'pause' | 'resume' | 'archive'

/** Pause, resume or archive a journey. */
export function changeJourneyStatus(id: string, action: StatusAction): Promise<{ id: string; status: JourneyStatus }> {
  return unwrap(client.POST(`/api/journeys/{id}/${action}`, { params: { path: { id } } }))
}
