import { ApiError, unwrap } from '@dunwell/client'
import type { VersionSummary } from '@dunwell/contract'
import type { Diagnostic, Journey } from '@dunwell/journey'
import { client } from './journeys-api'

export type { VersionSummary }

export interface LoadedVersion extends Omit<VersionSummary, 'version'> {
  document: Journey
}

/** Published versions, newest first. */
export function listVersions(id: string): Promise<VersionSummary[]> {
  return unwrap(client.GET('/api/journeys/{id}/versions', { params: { path: { id } } }))
}

export async function loadVersion(id: string, version: number): Promise<LoadedVersion> {
  const found = await unwrap(client.GET('/api/journeys/{id}/versions/{version}', { params: { path: { id, version } } }))
  return { ...found, document: found.document as unknown as Journey }
}

/** A version as the server exports it: the stable text, which diffs line by line. */
export async function exportVersion(id: string, version: number): Promise<string> {
  const answer = await client.GET('/api/journeys/{id}/versions/{version}/export', { params: { path: { id, version } }, parseAs: 'text' })
  if (answer.error !== undefined || !answer.response.ok) throw ApiError.of(answer.response, answer.error)
  return answer.data as string
}

/** Checks a document without saving it. */
export function validateDocument(document: unknown): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  return unwrap(client.POST('/api/journeys/validate', { body: document }))
}
