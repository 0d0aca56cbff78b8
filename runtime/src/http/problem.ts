import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { problemResponse, type Problem } from '../auth/problem'

export type { Problem } from '../auth/problem'

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
}

/**
 * An RFC 9457 problem: every error of the API, written by the same function as the auth middleware's. Its type is
 * `never` so that a route's early error exits do not widen its typed success responses (which the typed client reads).
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  extra: Partial<Problem> & { errors?: { path: string; message: string }[] } = {},
): never {
  return problemResponse(c, { title: titles[status] ?? 'Error', status, detail, ...extra }) as never
}

/** zod issues as problem errors: `debtor.email: must be an email address`. */
export function issuesToErrors(issues: readonly { path: PropertyKey[]; message: string; code?: string }[]): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message.replace(/^Invalid input: /, ''),
  }))
}
