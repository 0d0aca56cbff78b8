import type { Context, MiddlewareHandler } from 'hono'
import { importMediaTypes } from './routes/case-import'
import { problem } from './problem'

const json = ['application/json']

/**
 * The media types each route reads; every other route with a body reads JSON. Exact types only: a browser sends
 * `text/plain; x=csv` or a form cross-site without asking first, so anything looser would let another site post.
 */
function mediaTypesFor(method: string, path: string): readonly string[] {
  // By the path's end: a host app may mount the runtime under a prefix (`/collections/api/…`).
  if (path.endsWith('/api/cases/import')) return importMediaTypes
  if (path.endsWith('/api/events/bulk')) return ['application/x-ndjson', 'application/json']
  // The debtor's opt-out page posts its own form.
  if (method === 'POST' && /\/optout\/[^/]+$/.test(path)) return ['application/x-www-form-urlencoded']
  // The portal's pay-now form.
  if (method === 'POST' && /\/portal\/[^/]+\/checkout$/.test(path)) return ['application/x-www-form-urlencoded']
  return json
}

/** `type/subtype` and its parameters, lower-cased; undefined when the header does not read as a media type. */
export function parseMediaType(header: string): { type: string; parameters: Record<string, string> } | undefined {
  const [head, ...rest] = header.split(';')
  const type = head!.trim().toLowerCase()
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return undefined
  const parameters: Record<string, string> = {}
  for (const part of rest) {
    const match = /^\s*([a-z0-9!#$&^_.+-]+)=("?)([^"]*)\2\s*$/i.exec(part)
    if (!match) return undefined
    parameters[match[1]!.toLowerCase()] = match[3]!.toLowerCase()
  }
  return { type, parameters }
}

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length')
  return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0')
}

/**
 * Refuses, with 415, a body whose Content-Type is not exactly one the route reads; the only parameter allowed is
 * `charset` (UTF-8 for JSON, where any other would be misread). A request without a body needs no Content-Type.
 */
export const strictContentType = (): MiddlewareHandler =>
  async function strictContentType(c, next) {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const header = c.req.header('content-type')
    if (header === undefined) {
      if (!hasBody(c)) return next()
      return problem(c, 415, 'the body has no Content-Type: send it as application/json (or the type this route names)')
    }
    const accepted = mediaTypesFor(method, c.req.path)
    const parsed = parseMediaType(header)
    const list = accepted.join(', ')
    if (!parsed || !accepted.includes(parsed.type)) return problem(c, 415, `this route reads ${list}, not ${JSON.stringify(header.slice(0, 100))}`)
    const extra = Object.keys(parsed.parameters).filter((name) => name !== 'charset')
    if (extra.length > 0) return problem(c, 415, `the Content-Type may carry only a charset, not ${extra.map((name) => `"${name}"`).join(', ')}`)
    const charset = parsed.parameters.charset
    if (charset !== undefined && parsed.type.endsWith('json') && charset !== 'utf-8' && charset !== 'utf8') {
      return problem(c, 415, `JSON is read as UTF-8, not ${JSON.stringify(charset)}`)
    }
    return next()
  }
