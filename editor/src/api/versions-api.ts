import { unwrap } from '@dunwell/client'
import type { Diagnostic, Journey } from '@dunwell/journey'
import { client } from './journeys-api'

export interface VersionSummary {
  version: number
  note: string | null
  publishedAt: string
}

export interface LoadedVersion extends Omit<VersionSummary, 'version'> {
  document: Journey
}

/** Published versions, newest first. */
export function listVersions(id: string): Promise<VersionSummary[]> {
  return unwrap(client.api.journeys[':id'].versions.$get({ param: { id } }))
}

export async function loadVersion(id: string, version: number): Promise<LoadedVersion> {
  const found = await unwrap(client.api.journeys[':id'].versions[':version'].$get({ param: { id, version: String(version) } }))
  return { ...found, document: found.document as Journey }
}

/** A version as the server exports it: the stable text, which diffs line by line. */
export async function exportVersion(id: string, version: number): Promise<string> {
  const response = await client.api.journeys[':id'].versions[':version'].export.$get({ param: { id, version: String(version) } })
  if (!response.ok) await unwrap(response)
  return response.text()
}

/** Checks a document without saving it. */
export function validateDocument(document: unknown): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  return unwrap(client.api.journeys.validate.$post({ json: document })) as Promise<{ valid: boolean; diagnostics: Diagnostic[] }>
}
