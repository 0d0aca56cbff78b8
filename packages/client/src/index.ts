import { hc, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import type { DunwellApp, Problem } from '@dunwell/runtime'

/** What a simulation answers (its route declares a plain object): the report, and the traces when asked for. */
export type { SimulationReport, CaseTrace, TraceStep, TracedMessage } from '@dunwell/runtime'

export interface ClientOptions {
  /** Where the runtime listens, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string
  /** Sent as `Authorization: Bearer <key>`; leave it out for open (development) mode. */
  apiKey?: string
  /** Another fetch: a test's `app.request`, a proxy, a retrying wrapper. */
  fetch?: typeof globalThis.fetch
}

/**
 * A typed client for the runtime's HTTP API: paths, parameters, bodies and responses all come from the server's own
 * route definitions (`DunwellApp`), so the two cannot drift apart. Read a response with `unwrap`.
 */
export function createClient(options: ClientOptions) {
  return hc<DunwellApp>(options.baseUrl, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.apiKey ? { headers: { Authorization: `Bearer ${options.apiKey}` } } : {}),
  })
}

export type DunwellClient = ReturnType<typeof createClient>

/** One field at fault, as the API names it: `debtor.email: must be an email address`. */
export interface FieldError {
  path: string
  message: string
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

  /** Reads the problem from a failed response; a body that is not a problem still gives the status and its text. */
  static async from(response: Response | ClientResponse<unknown>): Promise<ApiError> {
    const text = await response.text().catch(() => '')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) return new ApiError(response.status, body as Partial<Problem>)
    return new ApiError(response.status, { title: response.statusText || `HTTP ${response.status}`, ...(text ? { detail: text.slice(0, 500) } : {}) })
  }
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).path === 'string' && typeof (value as FieldError).message === 'string'
}

/** The body type of a route's successful (2xx) JSON responses. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer F> ? (S extends SuccessStatusCode ? (F extends 'json' ? T : unknown) : never) : never

/** The JSON of a successful response, or an `ApiError` thrown with the problem the server sent. */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(response: R | Promise<R>): Promise<SuccessBody<R>> {
  const answer = await response
  if (!answer.ok) throw await ApiError.from(answer)
  if (answer.status === 204) return undefined as SuccessBody<R>
  return (await answer.json()) as SuccessBody<R>
}
