import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, normalize } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { ensureAdminKey } from '../auth'
import {
  createHttpProviderAdapter,
  createLetterWebhookAdapter,
  createLinks,
  createSmtpAdapter,
  createWebhookAdapter,
  channelWiringLines,
  publicUrlWarning,
  smtpOptionsFromEnv,
  type ChannelAdapter,
} from '../channels'
import { systemClock, VirtualClock } from '../clock'
import { openSqlite } from '../db/open-database'
import { Engine } from '../engine/engine'
import { paymentProviderFromEnv, paymentWiringLine } from '../payments'
import type { ContactPolicy } from '../policy'
import { createApp, isRuntimePath, notFoundProblem } from './create-app'
import { isLoopbackAddress } from '../auth'
import { startScheduler } from './scheduler'
import { warmSimulationThread } from '../simulate/simulate-in-worker'
import { editorContentSecurityPolicy } from './security-headers'

export interface ServerOptions {
  /** The SQLite file; created with its tables on first start. */
  file: string
  host?: string
  port?: number
  /** Development: no API keys, for requests from this machine only. */
  open?: boolean
  /** Run on a virtual clock starting here, moved by `POST /api/test/clock` (tests and demos). */
  testClock?: string
  /** A folder of example journeys (`*\/journey.json`) to publish when the database has none. */
  examples?: string
  /** The built editor, served at `/`. */
  editor?: string
  policy?: ContactPolicy
  env?: Record<string, string | undefined>
  log?: (line: string) => void
}

async function setting(db: Awaited<ReturnType<typeof openSqlite>>['db'], key: string, make: () => string): Promise<string> {
  const found = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  if (found) return found.value
  await db
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value
}

/** Channel adapters from the environment; a channel without settings keeps the recording adapter. */
function channelsFromEnv(env: Record<string, string | undefined>, optoutOf: (caseId: string) => string | undefined) {
  const channels: Record<string, ChannelAdapter> = {}
  const providers: Record<string, string> = {}
  if (env.DUNWELL_SMTP_HOST)
    channels.email = createSmtpAdapter({ ...smtpOptionsFromEnv(env as NodeJS.ProcessEnv), listUnsubscribe: (message) => optoutOf(message.caseId) })
  for (const channel of ['sms', 'whatsapp'] as const) {
    const url = env[`DUNWELL_${channel.toUpperCase()}_URL`]
    const secret = env[`DUNWELL_${channel.toUpperCase()}_SECRET`]
    if (url && secret) {
      channels[channel] = createHttpProviderAdapter({
        url,
        secret,
        channel,
        ...(env[`DUNWELL_${channel.toUpperCase()}_FROM`] ? { sender: env[`DUNWELL_${channel.toUpperCase()}_FROM`] } : {}),
      })
      providers[channel] = secret
    }
  }
  if (env.DUNWELL_LETTER_URL && env.DUNWELL_LETTER_SECRET) {
    channels.letter = createLetterWebhookAdapter({ url: env.DUNWELL_LETTER_URL, secret: env.DUNWELL_LETTER_SECRET })
    providers.letter = env.DUNWELL_LETTER_SECRET
  }
  // The webhook action: signed, and only to public addresses unless DUNWELL_WEBHOOK_ALLOW names others.
  if (env.DUNWELL_WEBHOOK_SECRET) {
    const allow = (env.DUNWELL_WEBHOOK_ALLOW ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    channels.webhook = createWebhookAdapter({ secret: env.DUNWELL_WEBHOOK_SECRET, allow })
  }
  return { channels, providers }
}

const landing = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dunwell</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}</style></head>
<body><h1>Dunwell runtime</h1><p>The API is running. Its description: <a href="/docs">/docs</a> (<a href="/openapi.json">openapi.json</a>).</p>
<p>The visual editor is served here once it is built.</p></body></html>`

const landingPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Starts the runtime as a server: API, scheduler, and the editor at `/`. `close()` finishes the batch in hand. */
export async function startServer(options: ServerOptions) {
  const env = options.env ?? process.env
  const log = options.log ?? ((line: string) => console.log(line))
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 3000
  if (options.open && !isLoopbackAddress(host)) throw new Error(`development mode (no API keys) runs only on a loopback address, not ${host}`)

  // Before anything opens: half a payment configuration stops the start.
  const paymentProvider = paymentProviderFromEnv(env)
  const { db, store, close: closeDb } = await openSqlite(options.file)
  // A comma-separated list rotates keys: the first signs new links, every one is still accepted.
  const secrets = env.DUNWELL_SECRET?.split(',')
    .map((each) => each.trim())
    .filter(Boolean)
  const secret = secrets?.length ? secrets : [await setting(db, 'link_secret', () => randomBytes(32).toString('base64url'))]
  const ttlDays = env.DUNWELL_LINK_TTL_DAYS === undefined ? undefined : Number(env.DUNWELL_LINK_TTL_DAYS)
  if (ttlDays !== undefined && !(ttlDays > 0)) throw new Error(`DUNWELL_LINK_TTL_DAYS must be a positive number of days, got ${env.DUNWELL_LINK_TTL_DAYS}`)
  const publicUrl = (env.DUNWELL_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, '')
  const testClock = options.testClock ? new VirtualClock(Date.parse(options.testClock)) : undefined
  const clock = testClock ?? systemClock
  const links = createLinks({ publicUrl, secret, now: () => clock.now(), ...(ttlDays ? { ttlDays } : {}) })
  const plainHttp = publicUrlWarning(publicUrl)
  if (plainHttp) log(plainHttp)
  const { channels, providers } = channelsFromEnv(env, (caseId) => links(caseId, 'email').optout)
  const engine = await new Engine({
    db,
    store,
    clock,
    channels,
    links,
    sender: { name: env.DUNWELL_SENDER_NAME ?? 'Dunwell' },
    ...(options.policy ? { policy: options.policy } : {}),
  }).start()

  if (options.examples && (await db.selectFrom('journeys').select('id').limit(1).execute()).length === 0) {
    for (const entry of readdirSync(options.examples, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const file = join(options.examples, entry.name, 'journey.json')
      if (!existsSync(file)) continue
      const { journeyId, version } = await engine.publish(JSON.parse(readFileSync(file, 'utf8')), 'example')
      log(`published example ${journeyId} (version ${version})`)
    }
  }
  const adminKey = await ensureAdminKey(db)
  if (adminKey) log(`First start: an admin API key was created. Store it now, it is not shown again:\n\n    ${adminKey.key}\n`)

  const scheduler = startScheduler(engine)
  warmSimulationThread()
  const app = createApp(
    {
      engine,
      db,
      open: options.open ?? false,
      ...(testClock ? { testClock } : {}),
      secrets: { links: secret, providers },
      ...(paymentProvider ? { payments: { provider: paymentProvider, publicUrl } } : {}),
    },
    () => ({
      scheduler: scheduler.stats,
    }),
  )
  const root = new Hono()
  // New work should not wait for the next tick.
  root.use('/api/*', async (c, next) => {
    await next()
    if (c.req.method !== 'GET') scheduler.poke()
  })
  root.route('/', app)
  // The editor is a single-page app: any other path is its index.html, but never a path the runtime owns.
  root.notFound(notFoundProblem)
  root.get('*', async (c) => {
    if (isRuntimePath(c.req.path)) return notFoundProblem(c)
    if (!options.editor || !existsSync(options.editor)) return c.html(landing, 200, { 'content-security-policy': landingPolicy })
    const path = normalize(c.req.path).replace(/^(\.\.[/\\])+/, '')
    const file = join(options.editor, path === '/' ? 'index.html' : path)
    const target = file.startsWith(options.editor) && existsSync(file) ? file : join(options.editor, 'index.html')
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.svg': 'image/svg+xml',
      '.json': 'application/json',
      '.woff2': 'font/woff2',
      '.png': 'image/png',
    }
    return c.body(await readFile(target), 200, {
      'content-type': types[target.slice(target.lastIndexOf('.'))] ?? 'application/octet-stream',
      'content-security-policy': editorContentSecurityPolicy,
    })
  })

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: root.fetch, hostname: host, port }, () => resolve(started))
  })
  const address = server.address()
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`
  log(`Dunwell runtime on ${url} (API docs ${url}/docs)${options.open ? ' — development mode: no API keys, this machine only' : ''}`)
  for (const line of channelWiringLines(channels)) log(line)
  log(paymentWiringLine(paymentProvider, publicUrl))

  return {
    url,
    engine,
    db,
    adminKey,
    scheduler,
    async close() {
      await scheduler.stop()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await closeDb()
      for (const adapter of Object.values(channels)) (adapter as { close?: () => void }).close?.()
    },
  }
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>
