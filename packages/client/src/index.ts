import type { FieldError, Problem } from '@dunwell/contract'
import createFetchClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './openapi-schema'

/** The API as types: every path with its parameters, bodies and answers, generated from the runtime's OpenAPI document. */
export type { components, paths }
/** The named shapes of the API (`Schemas['Case']`, `Schemas['Message']`, …). */
export type Schemas = components['schemas']
/** The shapes the runtime, this client and the editor share, as their one definition has them. */
export type {
  CaseView,
  CaseTrace,
  Diagnostic,
  FieldError,
  ImportReport,
  JourneySummary,
  JourneyView,
  MessageView,
  Problem,
  SimulationReport,
  TaskView,
  TimelineEntry,
  TracedMessage,
  TraceStep,
  VersionSummary,
} from '@dunwell/contract'

export interface ClientOptions {
  /** Where the runtime listens, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string
  /** Sent as `Authorization: Bearer <key>`; leave it out for open (development) mode. */
  apiKey?: string
  /** Another fetch: a test's `app.request`, a proxy, a retrying wrapper. */
  fetch?: (input: Request) => Promise<Response>
}

export type DunwellClient = Client<paths>

/**
 * A typed client for the runtime's HTTP API (openapi-fetch): `client.GET('/api/cases/{id}', { params: { path: { id } } })`
 * answers `{ data }` or `{ error }` (the problem), typed per status from the published document. Read it with `unwrap`.
 */
export function createClient(options: ClientOptions): DunwellClient {
  return createFetchClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.apiKey ? { headers: { Authorization: `Bearer ${options.apiKey}` } } : {}),
  })
}

/** An error response of the API, read from its `application/problem+json` body (RFC 9457). */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly title: string
  readonly detail: string | undefined
  readonly errors: FieldError[]
  /** The whole problem, extensions included (e.g. `permission` on a 403). */
  readonly problem: Partial<Problem>

  constructor(status: number, problem: Partial<Problem>) {
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined
    const errors = Array.isArray(problem.errors) ? (problem.errors as unknown[]).filter(isFieldError) : []
    super([`${status} ${title}${detail ? `: ${detail}` : ''}`, ...errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n'))
    this.status = status
    this.title = title
    this.detail = detail
    this.errors = errors
    this.problem = problem
  }

  /** The problem of a failed response, from its parsed body; a body that is not a problem still gives the status and its text. */
  static of(response: Response, body: unknown): ApiError {
    if (body && typeof body === 'object' && !Array.isArray(body)) return new ApiError(response.status, body as Partial<Problem>)
    const text = typeof body === 'string' ? body : ''
    return new ApiError(response.status, { title: response.statusText || `HTTP ${response.status}`, ...(text ? { detail: text.slice(0, 500) } : {}) })
  }

  /** Reads the problem from a failed response (one not made through the client, e.g. an upload). */
  static async from(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '')
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: the text is the detail
    }
    return ApiError.of(response, body)
  }
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).path === 'string' && typeof (value as FieldError).message === 'string'
}

/** What a client call answers (openapi-fetch): the data of a success, or the error of a failure, and the response. */
export interface CallResult {
  data?: unknown
  error?: unknown
  response: Response
}

/** The data of a successful call, or an `ApiError` thrown with the problem the server sent. */
export async function unwrap<R extends CallResult>(call: R | Promise<R>): Promise<Exclude<R['data'], undefined>> {
  const { data, error, response } = await call
  if (error !== undefined || !response.ok) throw ApiError.of(response, error)
  return data as Exclude<R['data'], undefined>
}
