import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { Hono } from 'hono'
import { createApiKey, createApp, Engine, openSqlite, VirtualClock } from '../src/index'
import { portfolio } from './engine-throughput'

interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) }),
    )
  })
}

/** POSTs distinct events for `seconds` at `rate` requests/s (0: as fast as it goes). */
function load(url: string, headers: Record<string, string>, caseCount: number, seconds: number, rate: number): Promise<LoadResult> {
  let counter = 0
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/api/events`,
        method: 'POST',
        connections: 20,
        duration: seconds,
        ...(rate > 0 ? { overallRate: rate } : {}),
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            setupRequest: (request) => {
              const n = counter++
              return {
                ...request,
                body: JSON.stringify({ id: `load-${process.pid}-${n}`, type: 'message.opened', caseId: `bench-${n % caseCount}`, data: { n } }),
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        resolve({ requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx })
      },
    )
  })
}

/** (c) event ingest over HTTP against a bare Hono endpoint on the same machine; (d) bulk ingest events/s. */
export async function httpIngest(options: { seconds: number; rate: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-http-'))
  const { db, store, close } = await openSqlite(join(dir, 'http.sqlite'))
  const engine = await new Engine({ db, store, clock: new VirtualClock(Date.parse('2026-11-23T09:00:00Z')) }).start()
  const cases = portfolio(1000)
  await engine.upsertCases(cases)
  const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' })
  const headers = { authorization: `Bearer ${key}` }

  const bare = new Hono()
  bare.post('/api/events', async (c) => c.json({ id: String((await c.req.json()).id), duplicate: false }, 202))
  const bareServer = await listen(bare.fetch)
  const dunwellServer = await listen(createApp({ engine, db }).fetch)

  const result = {
    bareMax: await load(bareServer.url, headers, cases.length, options.seconds, 0),
    dunwellMax: await load(dunwellServer.url, headers, cases.length, options.seconds, 0),
    bareAtRate: await load(bareServer.url, headers, cases.length, options.seconds, options.rate),
    dunwellAtRate: await load(dunwellServer.url, headers, cases.length, options.seconds, options.rate),
    bulk: { events: 0, seconds: 0, perSecond: 0 },
  }
  await bareServer.close()

  // Bulk: 100,000 events as JSON Lines in requests of 10,000.
  const lines = Array.from({ length: 100_000 }, (_, n) =>
    JSON.stringify({ id: `bulk-${n}`, type: 'message.opened', caseId: `bench-${n % cases.length}`, at: '2026-11-23T09:00:00Z', data: {} }),
  )
  const began = performance.now()
  for (let i = 0; i < lines.length; i += 10_000) {
    const response = await fetch(`${dunwellServer.url}/api/events/bulk`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
      body: lines.slice(i, i + 10_000).join('\n'),
    })
    if (!response.ok) throw new Error(`bulk ingest failed: ${response.status} ${await response.text()}`)
  }
  const seconds = (performance.now() - began) / 1000
  result.bulk = { events: lines.length, seconds, perSecond: lines.length / seconds }
  await dunwellServer.close()
  await close()
  rmSync(dir, { recursive: true, force: true })
  return result
}
