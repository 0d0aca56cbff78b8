import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { Hono } from 'hono'
import { createApp, createLinks, Engine, openSqlite, portalLinkToken, VirtualClock } from '../src/index'
import { portfolio } from './engine-throughput'

const SECRET = 'bench-link-secret-0123456789abcdef'

interface PageLoad {
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) }),
    )
  })
}

/** GETs `paths` round-robin for `seconds` over 20 connections, as a browser navigating would. */
function load(url: string, paths: string[], seconds: number): Promise<PageLoad> {
  let counter = 0
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: 20,
        duration: seconds,
        headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'accept-language': 'de-DE,de;q=0.9' },
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[counter++ % paths.length]! }) }],
      },
      (error, result) => {
        if (error) return reject(error)
        resolve({ requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors })
      },
    )
  })
}

/**
 * (h) The debtor's portal page (`GET /portal/<token>`: the link checked, the case loaded, the page rendered in the
 * debtor's language, the visit recorded) against a bare Hono answering the same bytes; and what a phone downloads.
 */
export async function portalPage(options: { seconds: number; cases: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-portal-'))
  const { db, store, close } = await openSqlite(join(dir, 'portal.sqlite'))
  const clock = new VirtualClock(Date.parse('2026-11-23T09:00:00Z'))
  const publicUrl = 'https://pay.example.com'
  const engine = await new Engine({ db, store, clock, links: createLinks({ publicUrl, secret: SECRET, now: () => clock.now() }) }).start()
  const cases = portfolio(options.cases)
  await engine.upsertCases(cases)
  const expires = clock.now() + 30 * 86_400_000
  const paths = cases.map((c) => `/portal/${portalLinkToken({ caseId: c.id, channel: 'email', offers: ['plan', 'promise'] }, SECRET, expires)}`)
  const app = createApp({ engine, db, secrets: { links: SECRET } })
  const dunwell = await listen(app.fetch)

  const sample = await fetch(`${dunwell.url}${paths[0]}`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'accept-language': 'de-DE' } })
  const html = await sample.text()
  if (sample.status !== 200) throw new Error(`the portal answered ${sample.status}: ${html.slice(0, 200)}`)
  const csp = sample.headers.get('content-security-policy') ?? ''
  // Everything a phone fetches besides the page: images, styles, scripts, fonts that are not inline.
  const subresources = [...html.matchAll(/<(?:img|script|link|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
  const external = subresources.filter((ref) => /^(https?:)?\/\//.test(ref) && !ref.startsWith(publicUrl))

  const bare = new Hono()
  bare.get('/portal/:token', (c) => c.html(html))
  const bareServer = await listen(bare.fetch)

  const result = {
    bare: await load(bareServer.url, paths, options.seconds),
    portal: await load(dunwell.url, paths, options.seconds),
    htmlBytes: Buffer.byteLength(html),
    gzipBytes: gzipSync(html).length,
    subresources: subresources.length,
    external: external.length,
    scriptAllowed: !/default-src 'none'/.test(csp) || /script-src/.test(csp),
  }
  await bareServer.close()
  await dunwell.close()
  await close()
  rmSync(dir, { recursive: true, force: true })
  return result
}
