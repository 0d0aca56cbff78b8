/**
 * The published OpenAPI document as a judge of the API's tests: every request a test sends and every answer it gets
 * are checked against `/openapi.json` (openapi-backend: routing, parameters, bodies and responses per status, through
 * ajv). A status the document does not declare, a body that breaks the declared schema, or a request the server
 * accepted that the document would refuse fails the test. Used only by `*.test.ts` (through `testing.ts`).
 */
import addFormats from 'ajv-formats'
import OpenAPIBackend, { type Document } from 'openapi-backend'

/** The pages that describe the API itself: not operations of it. */
const undocumented = (path: string) => path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/')

const backends = new Map<string, Promise<OpenAPIBackend>>()

async function backendFor(documentText: string): Promise<OpenAPIBackend> {
  let found = backends.get(documentText)
  if (!found) {
    const definition = JSON.parse(documentText) as Document
    // Servers are absolute (the request's origin): match paths as the app sees them. The document itself is judged
    // by swagger-parser and Redocly (openapi-document.test.ts); openapi-backend’s own check knows only OpenAPI 3.0
    // (quick skips it).
    found = new OpenAPIBackend({
      definition: { ...definition, servers: [] },
      quick: true,
      strict: false,
      validate: true,
      ajvOpts: { strict: false },
      // Formats judged too (email, date-time, uri, …), as a generated client's validator would.
      customizeAjv: (ajv) => addFormats(ajv as never) as never,
    }).init()
    backends.set(documentText, found)
  }
  return found
}

export interface Exchange {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: Record<string, string>
  /** The body as sent (text), if any. */
  body?: string
  status: number
  responseType: string
  responseText: string
}

/** Every way this exchange differs from the document; empty when it fits. */
export async function contractViolations(documentText: string, exchange: Exchange): Promise<string[]> {
  const url = new URL(exchange.url, 'http://dunwell.test')
  if (undocumented(url.pathname)) return []
  const api = await backendFor(documentText)
  const query = Object.fromEntries(url.searchParams)
  const requestType = exchange.headers['Content-Type'] ?? exchange.headers['content-type'] ?? ''
  const parsedBody = exchange.body !== undefined && /json/.test(requestType) && !/ndjson/.test(requestType) ? tryJson(exchange.body) : exchange.body
  const request = { method: exchange.method.toLowerCase(), path: url.pathname, query, headers: exchange.headers, body: parsedBody }
  const operation = api.matchOperation(request)
  const where = `${exchange.method} ${url.pathname} → ${exchange.status}`
  if (!operation) return exchange.status === 404 ? [] : [`${where}: the document has no such operation`]
  const found: string[] = []
  if (!operation.operationId) found.push(`${where}: the operation has no operationId`)

  // What the server took, the document must allow (a refused request may of course not fit it).
  if (exchange.status < 300) {
    const checked = api.validateRequest(request, operation)
    if (!checked.valid) found.push(`${where}: the server accepted a request the document refuses: ${describe(checked.errors)}`)
  }

  const declared = operation.responses?.[String(exchange.status)] as { content?: Record<string, unknown> } | undefined
  if (!declared) return [...found, `${where}: the status is not declared`]
  const mediaType = exchange.responseType.split(';')[0]!.trim()
  const content = declared.content ?? {}
  if (exchange.responseText === '' && Object.keys(content).length === 0) return found
  if (!(mediaType in content))
    return [...found, `${where}: answered ${mediaType || '(no type)'}, the document declares ${Object.keys(content).join(', ') || 'no body'}`]
  if (/json/.test(mediaType)) {
    const body = tryJson(exchange.responseText)
    const checked = api.validateResponse(body, operation, exchange.status)
    if (!checked.valid) found.push(`${where}: the body does not fit the document: ${describe(checked.errors)}`)
  }
  return found
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function describe(errors: readonly { instancePath?: string; message?: string }[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim())
    .join('; ')
}
