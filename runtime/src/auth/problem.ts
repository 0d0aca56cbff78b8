import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface Problem {
  /** A URI naming the kind of problem; `about:blank` when the status says it all (then `title` is the status text). */
  type?: string
  title: string
  status: ContentfulStatusCode
  detail: string
  [extension: string]: unknown
}

/** An RFC 9457 problem details response. */
export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  const body = { type: 'about:blank', ...problem }
  return c.body(JSON.stringify(body), problem.status, { ...headers, 'Content-Type': 'application/problem+json' })
}
