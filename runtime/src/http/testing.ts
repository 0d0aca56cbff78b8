/**
 * Fixtures for the HTTP API's tests: the app in-process (`app.request`, no server) on its own SQLite file, an engine
 * on a virtual clock the API moves (`POST /api/test/clock`), and an API key per role. Used only by `*.test.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { contractViolations } from './contract-check'
import {
  createApiKey,
  createApp,
  createLinks,
  Engine,
  linkToken,
  openSqlite,
  roles,
  VirtualClock,
  type AppOptions,
  type ChannelAdapter,
  type ContactPolicy,
  type Role,
} from '../index'

/** Monday 23 November 2026, 09:00 UTC (10:00 in Berlin): inside every debtor's contact hours. */
export const MONDAY = new Date('2026-11-23T09:00:00Z')
export const LINK_SECRET = 'a-secret-of-16+chars'
export const SMS_SECRET = 'the-sms-provider-secret'
export const LETTER_SECRET = 'the-letter-provider-secret'
export const PUBLIC_URL = 'https://pay.dunwell.test'
export const DAY = 86_400_000

export interface RequestOptions {
  /** Whose key to send; `null` for none. Admin by default. */
  as?: Role | null
  /** A JSON value (sent as application/json) or a string (sent as is, with `type`). */
  body?: unknown
  type?: string
  headers?: Record<string, string>
}

export type TestApi = Awaited<ReturnType<typeof startApi>>

/** The API on a fresh database; everything is closed and removed when the test ends. */
export async function startApi(
  options: {
    limits?: AppOptions['limits']
    at?: Date
    channels?: Partial<Record<string, ChannelAdapter>>
    policy?: ContactPolicy
    payments?: AppOptions['payments']
    /** Where the links in messages lead (a test that opens them serves the app there); PUBLIC_URL by default. */
    publicUrl?: string
    /** How long those links work (120 days by default, as in production). */
    linkTtlDays?: number
  } = {},
) {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-http-'))
  const file = join(folder, 'test.sqlite')
  const opened = await openSqlite(file)
  const clock = new VirtualClock(options.at ?? MONDAY)
  const engine = await new Engine({
    db: opened.db,
    store: opened.store,
    clock,
    links: createLinks({
      publicUrl: options.publicUrl ?? PUBLIC_URL,
      secret: LINK_SECRET,
      now: () => clock.now(),
      ...(options.linkTtlDays ? { ttlDays: options.linkTtlDays } : {}),
    }),
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  }).start()
  const app = createApp({
    engine,
    db: opened.db,
    testClock: clock,
    secrets: { links: LINK_SECRET, providers: { sms: SMS_SECRET, letter: LETTER_SECRET } },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.payments ? { payments: options.payments } : {}),
  })
  const keys = {} as Record<Role, string>
  for (const role of roles) keys[role] = (await createApiKey(opened.db, { name: `${role} key`, role })).key
  onTestFinished(async () => {
    await opened.close()
    rmSync(folder, { recursive: true, force: true })
  })

  let documentText: string | undefined

  /**
   * One request through the app, checked against the published document (request and answer): a test whose
   * exchange breaks the contract fails, whatever it asserts.
   */
  async function send(method: string, path: string, init: RequestInit): Promise<Response> {
    const response = await app.request(path, { ...init, method })
    documentText ??= await (await app.request('/openapi.json')).text()
    const responseText = await response.clone().text()
    const violations = await contractViolations(documentText, {
      method,
      url: path,
      headers: (init.headers ?? {}) as Record<string, string>,
      ...(typeof init.body === 'string' ? { body: init.body } : init.body instanceof Uint8Array ? { body: Buffer.from(init.body).toString('latin1') } : {}),
      status: response.status,
      responseType: response.headers.get('Content-Type') ?? '',
      responseText,
    })
    if (violations.length > 0) throw new Error(`the API broke its published contract:\n${violations.join('\n')}`)
    return response
  }

  /** One request through the app, with the role's key. */
  function request(method: string, path: string, { as = 'admin', body, type, headers = {} }: RequestOptions = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers } }
    const all = init.headers as Record<string, string>
    if (as) all.Authorization = `Bearer ${keys[as]}`
    if (body !== undefined) {
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body)
      all['Content-Type'] = type ?? 'application/json'
    }
    return send(method, path, init)
  }

  /** A request that must answer `status`; its JSON body (or text, for anything else). */
  async function expectStatus<T = any>(status: number, method: string, path: string, options?: RequestOptions): Promise<T> {
    const response = await request(method, path, options)
    const text = await response.text()
    if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status}: ${text}`)
    return (/json/.test(response.headers.get('Content-Type') ?? '') ? JSON.parse(text) : text) as T
  }

  return {
    app,
    /** A raw request (any body, e.g. a file's bytes) through the same contract check as `request`. */
    send,
    db: opened.db,
    engine,
    clock,
    keys,
    file,
    request,
    expectStatus,
    /** Moves the clock through the API, as a test client would; everything due on the way runs. */
    advanceTo: (at: Date | string | number) => expectStatus(200, 'POST', '/api/test/clock', { body: { advanceTo: new Date(at).toISOString() } }),
    advanceBy: (ms: number) => expectStatus(200, 'POST', '/api/test/clock', { body: { advanceTo: new Date(clock.now() + ms).toISOString() } }),
  }
}

/** The portal page (`/portal/<token>`) of the first message the engine queued for a case: the link the debtor got. */
export async function portalPathOf(api: Pick<TestApi, 'db'>, caseId: string): Promise<string> {
  const [message] = await api.db.selectFrom('outbox').select('text').where('case_id', '=', caseId).orderBy('created_at').execute()
  const token = /\/portal\/([A-Za-z0-9_-]+)/.exec(message?.text ?? '')?.[1]
  if (!token) throw new Error(`no portal link in ${message?.text}`)
  return `/portal/${token}`
}

/** The opt-out page's token for a case and channel, as the engine puts it into messages. */
export const optoutToken = (caseId: string, channel: string) => linkToken(caseId, channel, LINK_SECRET, 'optout')

/** Every row of every table, for "a refused request changed nothing" (API keys excluded: their last use is noted). */
export async function snapshot(api: Pick<TestApi, 'db'>): Promise<Record<string, unknown[]>> {
  const tables = [
    'journeys',
    'journey_versions',
    'cases',
    'case_holds',
    'optouts',
    'events',
    'enrolments',
    'timers',
    'outbox',
    'tasks',
    'audit',
    'split_assignments',
  ] as const
  const result: Record<string, unknown[]> = {}
  for (const table of tables) result[table] = await api.db.selectFrom(table).selectAll().execute()
  return result
}
