import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './app-types'

const require = createRequire(import.meta.url)
const swaggerDist = dirname(require.resolve('swagger-ui-dist/package.json'))
const assets: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' }

const startScript = "SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', persistAuthorization: true })"
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dunwell API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>${startScript}</script></body></html>`
/** Swagger UI's own files and its one inline script (by hash); it styles inline and shows its logo as data: URLs. */
const pagePolicy = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${createHash('sha256').update(startScript).digest('base64')}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** `/openapi.json` from the same zod schemas the routes validate with, and a readable page, served locally. */
export function docsRoutes(app: OpenAPIHono<AppEnv>): void {
  // Served from the request's origin, so that a generated client's base URL is the server it came from.
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Dunwell runtime API',
      version: '1',
      description:
        'Journeys, cases, events, messages, tasks and simulation. Send an API key as `Authorization: Bearer <key>`; errors are application/problem+json.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Dunwell' },
    },
    servers: [{ url: new URL(c.req.url).origin, description: 'This server' }],
    // Every /api operation needs the key; /health, the debtor pages and the callbacks (signed) say `security: []`.
    security: [{ apiKey: [] }],
    tags: [
      { name: 'journeys', description: 'Drafts, validation, publishing and versions' },
      { name: 'cases', description: 'Cases, their timelines, and what the engine does with them' },
      { name: 'import', description: 'Cases from CSV, TSV, JSON Lines or Excel files' },
      { name: 'events', description: 'Payments, promises, disputes, opt-outs, …' },
      { name: 'messages', description: 'The outbox' },
      { name: 'tasks', description: 'Agent tasks (calls)' },
      { name: 'simulation', description: 'Journeys on a virtual clock' },
      { name: 'preview', description: 'Messages as they would be sent' },
      { name: 'system', description: 'Health and the test clock' },
      { name: 'debtor pages', description: 'What a debtor reaches through a signed link (no key)' },
      { name: 'callbacks', description: 'What providers report (signed bodies, no key)' },
    ],
  }))
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'An API key: `dunwell keys create`' })
  app.get('/docs', (c) => c.html(page, 200, { 'content-security-policy': pagePolicy }))
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file')
    const type = assets[file]
    if (!type) return c.notFound()
    return c.body(await readFile(join(swaggerDist, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
