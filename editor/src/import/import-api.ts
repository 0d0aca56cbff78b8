import { ApiError } from '@dunwell/client'
import type { ImportMapping, ImportReport, MappingSettings } from '@dunwell/contract'
import { authHeaders, reportUnauthorized } from '../session/api-key-store'

/** Every call the Import cases screen makes, in one file: POST /api/cases/import (dry run and import), saved mappings. */
export {
  caseTargets,
  dateFormats,
  decimalMarkNames as decimals,
  encodings,
  separatorNames as separators,
  thousandsMarkNames as thousandsMarks,
  type CaseTarget,
  type ImportProblem,
  type ImportReport,
  type Setting,
  type SettingSource,
} from '@dunwell/contract'

/** What a person chooses for an import (or a saved mapping remembers). */
export type ImportSettings = MappingSettings
export type SettingName = keyof ImportSettings
export type SavedMapping = ImportMapping

export interface ImportRequest {
  file: File
  dryRun: boolean
  settings: ImportSettings
  columns: Record<string, string>
  mapping?: string
  allOrNothing?: boolean
}

/** The media type the server reads a file as, from its name (a browser's own guess for .tsv or .jsonl is often empty). */
export function mediaTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (extension === 'csv' || extension === 'txt') return 'text/csv'
  if (extension === 'tsv' || extension === 'tab') return 'text/tab-separated-values'
  if (extension === 'jsonl' || extension === 'ndjson') return 'application/x-ndjson'
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  return 'application/octet-stream'
}

export function importUrl(request: Omit<ImportRequest, 'file'> & { fileName: string }): string {
  const query = new URLSearchParams()
  if (request.dryRun) query.set('dryRun', 'true')
  if (request.allOrNothing) query.set('allOrNothing', 'true')
  for (const [name, value] of Object.entries(request.settings)) if (value) query.set(name, value)
  if (Object.keys(request.columns).length > 0) query.set('columns', JSON.stringify(request.columns))
  if (request.mapping) query.set('mapping', request.mapping)
  query.set('fileName', request.fileName)
  return `/api/cases/import?${query}`
}

/** A problem+json answer as one sentence for a person. */
function failure(status: number, text: string): Error {
  try {
    const body = JSON.parse(text) as { title?: string; detail?: string }
    return new Error(body.detail ?? body.title ?? `HTTP ${status}`)
  } catch {
    return new Error(`HTTP ${status}`)
  }
}

/**
 * Sends the file through XMLHttpRequest (fetch reports no upload progress); `onProgress` gets the share sent, 0 to 1.
 * The server reads as the bytes arrive, so the upload's end is close to the import's end.
 */
export function sendImport(request: ImportRequest, onProgress?: (share: number) => void, signal?: AbortSignal): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', importUrl({ ...request, fileName: request.file.name }))
    xhr.setRequestHeader('Content-Type', mediaTypeOf(request.file.name))
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value)
    xhr.responseType = 'text'
    if (onProgress) xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total)
    xhr.onload = () => (
      xhr.status === 401 && reportUnauthorized(),
      xhr.status === 200 ? resolve(JSON.parse(xhr.responseText) as ImportReport) : reject(failure(xhr.status, xhr.responseText))
    )
    xhr.onerror = () => reject(new Error('the connection to the server failed'))
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(request.file)
  })
}

export async function listMappings(): Promise<SavedMapping[]> {
  const response = await fetch('/api/import-mappings', { headers: authHeaders() })
  if (response.status === 401) reportUnauthorized()
  if (!response.ok) throw await ApiError.from(response)
  return (await response.json()) as SavedMapping[]
}

export async function saveMapping(name: string, columns: Record<string, string>, settings: ImportSettings): Promise<void> {
  const response = await fetch(`/api/import-mappings/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ columns, settings }),
  })
  if (response.status === 401) reportUnauthorized()
  if (!response.ok) throw await ApiError.from(response)
}
