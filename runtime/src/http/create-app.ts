import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { bodyLimits } from './body-limits'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { apiKeyAuth } from '../auth/api-key'
import { MAX_BODY_DEPTH, textNestsDeeperThan, tooDeepMessage } from '@dunwell/contract'
import { requireLoopbackHost } from '../auth/require-loopback-host'
import type { AppEnv, AppOptions } from './app-types'
import { docsRoutes } from './docs'
import { documentRoutes } from './routes/documents'
import { issuesToErrors, problem } from './problem'
import { caseImportRoutes } from './routes/case-import'
import { caseRoutes } from './routes/cases'
import { eventRoutes } from './routes/events'
import { journeyRoutes } from './routes/journeys'
import { meRoutes } from './routes/me'
import { previewRoutes } from './routes/preview'
import { portalBodyLimit, portalRoutes } from './routes/portal'
import { tooLargePage } from '../public-pages/debtor-pages'
import { publicPageHeaders } from '../public-pages/page-layout'
import { debtorText, languageFromHeader } from '../i18n/debtor-text'
import { publicRoutes } from './routes/public'
import { describePublicRoutes } from './routes/public-docs'
import { settingsRoutes } from './routes/settings'
import { systemRoutes } from './routes/system'
import { workRoutes } from './routes/work'
import { securityHeaders } from './security-headers'
import { strictContentType } from './strict-content-type'

/** Paths the runtime answers itself: a host app's fallback (e.g. the editor's index.html) must not answer them. */
const runtimePrefixes = ['/api', '/docs', '/openapi.json', '/health', '/optout', '/pay', '/portal', '/payments', '/callbacks']

export function isRuntimePath(path: string): boolean {
  return runtimePrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

/** The runtime's 404 for a path it does not know, also for a host app that mounts it beside its own pages. */
export function notFoundProblem(c: Context): Response {
  // The one route that exists only sometimes says how to have it.
  if (c.req.path.endsWith('/api/test/clock')) {
    return problem(c, 404, 'the server runs without a test clock: start it with --test-clock 2026-11-23T09:00:00Z (dunwell serve) to move time')
  }
  return problem(c, 404, `no route ${c.req.method} ${c.req.path}`)
}

/**
 * The runtime's HTTP API as a Hono app: mount it in your own service (`app.route('/', createApp(...))`) or serve it
 * with `startServer`. Every error is `application/problem+json`; every /api route needs an API key.
 */
export function createApp(options: AppOptions, health: () => Record<string, unknown> = () => ({})) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = issuesToErrors(result.error.issues)
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more: see errors)` : ''
        return problem(c, 400, `the request does not fit the API: ${errors[0]!.path}: ${errors[0]!.message}${more}`, { errors })
      }
    },
  })
  app.use('*', securityHeaders())
  if (options.open) app.use('*', requireLoopbackHost())
  const { json: jsonLimit, bulk: bulkLimit, import: importLimit } = bodyLimits(options.limits)
  // The rest of the body is never read: the client must not reuse this connection for its next request.
  const tooLarge = (limit: number) => (c: Parameters<Parameters<typeof bodyLimit>[0]['onError'] & object>[0]) => {
    c.header('Connection', 'close')
    return problem(c, 413, `the body is larger than ${limit} bytes`)
  }
  const isBulk = (path: string) => path.endsWith('/bulk') || path === '/api/simulations'
  // The portal's forms: small, but a dispute may carry a document; beyond the limit the debtor gets a page, not JSON.
  // Marked by request (its context: the limit may replace the raw request), not by path: mounted under a prefix in a
  // host app, the path starts with the prefix.
  const portalRequests = new WeakSet<Context>()
  app.use('/portal/*', async (c, next) => {
    portalRequests.add(c)
    const limit = portalBodyLimit(c.req.path)
    const onError = (context: Context) => {
      context.header('Connection', 'close')
      return context.html(tooLargePage(debtorText(languageFromHeader(context.req.header('accept-language')))), 413, publicPageHeaders)
    }
    return bodyLimit({ maxSize: limit, onError })(c, next)
  })
  app.use('*', async (c, next) => {
    if (portalRequests.has(c)) return next()
    const isImport = c.req.path === '/api/cases/import'
    // A chunked import is counted as it streams (hono's limit would hold up to 1 GiB of it in memory first).
    if (isImport && !c.req.raw.headers.has('content-length')) return next()
    const limit = isImport ? importLimit : isBulk(c.req.path) ? bulkLimit : jsonLimit
    return bodyLimit({ maxSize: limit, onError: tooLarge(limit) })(c, next)
  })
  app.use('/api/*', apiKeyAuth({ db: options.db, open: options.open ?? false }))
  // A JSON body nested thousands deep parses, but whatever walks it later (a schema, JSON.stringify) overflows the
  // stack: refused at the door. Bulks and imports check each line on its own, so that one bad line spares the rest.
  app.use('/api/*', async (c, next) => {
    if (isBulk(c.req.path) || c.req.path === '/api/cases/import' || !/json/i.test(c.req.header('content-type') ?? '')) return next()
    if (textNestsDeeperThan(await c.req.text(), MAX_BODY_DEPTH)) return problem(c, 400, `the body ${tooDeepMessage(MAX_BODY_DEPTH)}`)
    return next()
  })
  // After the key check: a caller without a key learns nothing about a route's body. Only on the runtime's own
  // routes: a host app that mounts it at `/` keeps its own forms.
  for (const prefix of ['/api/*', '/callbacks/*', '/optout/*', '/payments/*']) app.use(prefix, strictContentType())
  // The portal's own forms check their type and answer a page in the debtor's language; its pay-now form is checked here.
  const strictCheckout = strictContentType()
  app.use('/portal/*', (c, next) => (c.req.path.endsWith('/checkout') ? strictCheckout(c, next) : next()))

  // Chained, so that the app's type carries every route for the typed client (hc<DunwellApp>).
  const routes = documentRoutes(
    settingsRoutes(
      meRoutes(
        previewRoutes(
          systemRoutes(workRoutes(eventRoutes(caseImportRoutes(caseRoutes(journeyRoutes(app, options), options), options), options), options), options, health),
          options,
        ),
      ),
      options,
    ),
    options,
  )
  publicRoutes(app, options)
  portalRoutes(app, options)
  describePublicRoutes(app)
  docsRoutes(app)

  app.notFound(notFoundProblem)
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(c, error.status as 400, error.message)
    if (error instanceof SyntaxError) return problem(c, 400, `the body is not valid JSON: ${error.message}`)
    // No personal data in logs: the path and the error's own message only.
    console.error(`dunwell: ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? error.message : String(error)}`)
    return problem(c, 500, 'something went wrong on our side; the request changed nothing it could not finish')
  })
  return routes
}

export type DunwellApp = ReturnType<typeof createApp>
