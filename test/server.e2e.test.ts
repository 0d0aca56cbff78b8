// The runtime as users run it: `dunwell serve` in its own process, a real SMTP server on the other side, requests
// over TCP. Each server is killed in afterAll whatever happens; the crash test kills some with SIGKILL on purpose.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startSmtp, type Smtp } from './support/smtp'
import { decodeHeader, parseRawEmail, partOf } from '@dunwell/runtime/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, createClient, unwrap, type DunwellClient } from '@dunwell/client'
import { messageIdFor } from '@dunwell/runtime'
import { emailThenSms } from '@dunwell/journey/testing'

const root = new URL('../', import.meta.url).pathname
const cli = join(root, 'packages/cli/bin/dunwell.js')
const START = '2026-11-23T08:30:00Z'
const FROM = 'reminders@example.com'

// ---------------------------------------------------------------------------------------------------------------
// `dunwell serve` as a child process.

const children = new Set<ChildProcess>()

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The environment of a server: the caller's, without any DUNWELL_ setting it may have, plus these. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DUNWELL_')))
  // The CLI resolves paths against INIT_CWD (where `pnpm dunwell` was typed).
  return { ...env, INIT_CWD: root, ...extra }
}

interface Server {
  url: string
  child: ChildProcess
  /** Printed on the first start only. */
  adminKey: string | undefined
  output: () => string
  kill: () => Promise<void>
}

async function startDunwell(db: string, smtp: Smtp, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', String(port), '--examples', 'examples', '--test-clock', START], {
    cwd: root,
    env: serverEnv({ DUNWELL_SMTP_HOST: '127.0.0.1', DUNWELL_SMTP_PORT: String(smtp.port), DUNWELL_SMTP_FROM: FROM, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => children.delete(child))
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`
  const url = await new Promise<string>((resolve, reject) => {
    // A deadline for saying what went wrong, not a wait: the start itself is awaited by its line on stdout (a shared CI
    // machine under load has taken over 20 s).
    const timer = setTimeout(() => reject(new Error(`dunwell serve did not start in 60 s\n${output()}`)), 60_000)
    const look = () => {
      const found = /Dunwell runtime on (http:\/\/\S+)/.exec(stdout)
      if (found) {
        clearTimeout(timer)
        resolve(found[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`dunwell serve exited (${code ?? signal}) before it started\n${output()}`))
    })
  })
  const adminKey = /it is not shown again:\s+(\S+)/.exec(stdout)?.[1]
  return {
    url,
    child,
    adminKey,
    output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
})

// ---------------------------------------------------------------------------------------------------------------
// What the tests send.

const journey = emailThenSms({
  id: 'e2e-reminder',
  name: 'E2E reminder',
  subject: '{{ debtor.firstName }}, a reminder about your invoice',
  email:
    '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ debtor.firstName }} {{ debtor.lastName }}, {{ case.balance | money }} was due on {{ case.dueDate | local_date }}.</mj-text><mj-button href="{{ links.pay }}">Pay now</mj-button><mj-text font-size="12px">No more emails about this? <a href="{{ links.optout }}">Unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>',
  sms: 'Hi {{ debtor.firstName }}, {{ case.balance | money }} is still open: {{ links.pay }} Reply STOP to opt out.',
})

/** What `--examples examples` publishes on the first start: every folder with a journey.json. */
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'examples', entry.name, 'journey.json')))
  .map((entry) => entry.name)
  .sort()

/** The examples react to `invoice.overdue` too: paused, so that only the journey under test sends. */
async function publishJourney(server: Server, client: DunwellClient, key: string) {
  for (const id of examples) {
    const paused = await fetch(`${server.url}/api/journeys/${id}/pause`, { method: 'POST', headers: { Authorization: `Bearer ${key}` } })
    expect(paused.status).toBe(200)
  }
  expect(await unwrap(client.PUT('/api/journeys/{id}/draft', { params: { path: { id: journey.id } }, body: journey }))).toEqual({
    valid: true,
    diagnostics: [],
  })
  expect(await unwrap(client.POST('/api/journeys/{id}/publish', { params: { path: { id: journey.id } }, body: { note: 'e2e' } }))).toEqual({
    journeyId: journey.id,
    version: 1,
  })
}

async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  show: (value: T) => unknown = (value) => value,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(show(value))?.slice(0, 500)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('dunwell serve, end to end', () => {
  let dir: string
  let db: string
  let smtp: Smtp
  let server: Server
  let admin: DunwellClient
  let adminKey: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dunwell-e2e-'))
    db = join(dir, 'db.sqlite')
    smtp = await startSmtp()
    server = await startDunwell(db, smtp)
    expect(server.adminKey, server.output()).toMatch(/^dw_/)
    adminKey = server.adminKey!
    admin = createClient({ baseUrl: server.url, apiKey: adminKey })
  }, 30_000)

  afterAll(async () => {
    await server?.kill()
    await smtp?.close()
  })

  it('publishes a journey over HTTP, sends its email through SMTP and its SMS two days later', async () => {
    const listed = await unwrap(admin.GET('/api/journeys'))
    expect(examples.length).toBeGreaterThan(0)
    expect(listed.map((j) => j.id).sort()).toEqual(examples)
    await publishJourney(server, admin, adminKey)

    const debtor = {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.org',
      phone: '+447700900123',
      locale: 'en',
      timezone: 'Europe/London',
      country: 'GB',
    }
    expect(
      await unwrap(
        admin.PUT('/api/cases/{id}', { params: { path: { id: 'ada' } }, body: { id: 'ada', debtor, amountDue: 120, currency: 'GBP', dueDate: '2026-11-01' } }),
      ),
    ).toEqual({ id: 'ada', created: true })
    expect(await unwrap(admin.POST('/api/events', { body: { id: 'overdue/ada', type: 'invoice.overdue', caseId: 'ada' } }))).toEqual({
      id: 'overdue/ada',
      duplicate: false,
    })
    expect(await unwrap(admin.POST('/api/test/clock', { body: { advanceTo: '2026-11-23T09:00:00Z' } }))).toMatchObject({ now: '2026-11-23T09:00:00.000Z' })

    await until(
      'the email at the SMTP server',
      () => smtp.mails.length,
      (n) => n >= 1,
    )
    expect(smtp.mails).toHaveLength(1)
    const received = smtp.mails[0]!
    expect(received.to).toEqual(['ada@example.org'])
    const mail = parseRawEmail(received.raw)
    expect(mail.headers.get('from')).toBe(FROM)
    expect(mail.headers.get('to')).toBe('ada@example.org')
    expect(decodeHeader(mail.headers.get('subject')!)).toBe('Ada, a reminder about your invoice')
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative;/)

    const html = partOf(mail, 'text/html')?.body ?? ''
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).not.toContain('<mj-')
    expect(html).toContain('Hello Ada Lovelace, £120.00 was due on')
    const text = partOf(mail, 'text/plain')?.body ?? ''
    expect(text).toContain('Hello Ada Lovelace, £120.00 was due on')
    expect(text).not.toContain('<')

    // The opt-out link: in the header (one-click) and in the body, served by this very server.
    const unsubscribe = /^<(.+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '')?.[1]
    expect(unsubscribe).toMatch(new RegExp(`^${server.url}/optout/[\\w.-]+$`))
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(html).toContain(`href="${unsubscribe}"`)
    const optoutPage = await fetch(unsubscribe!)
    expect(optoutPage.status).toBe(200)
    expect(await optoutPage.text()).toContain('Stop emails about this invoice?')

    const emails = await unwrap(admin.GET('/api/messages', { params: { query: { caseId: 'ada', channel: 'email' } } }))
    expect(emails).toEqual([
      expect.objectContaining({
        channel: 'email',
        status: 'sent',
        subject: 'Ada, a reminder about your invoice',
        journeyId: journey.id,
        nodeId: 'email',
        attempts: 1,
      }),
    ])
    expect(mail.headers.get('x-dunwell-message')).toBe(emails[0]!.id)
    expect(mail.headers.get('message-id')).toBe(messageIdFor(emails[0]!.id, 'example.com'))

    // Two days on, the SMS (the recording adapter: no SMS provider is configured).
    expect(await unwrap(admin.GET('/api/messages', { params: { query: { caseId: 'ada', channel: 'sms' } } }))).toEqual([])
    await unwrap(admin.POST('/api/test/clock', { body: { advanceTo: '2026-11-25T09:00:00Z' } }))
    const sms = await until(
      'the SMS sent',
      () => unwrap(admin.GET('/api/messages', { params: { query: { caseId: 'ada', channel: 'sms' } } })),
      (rows) => rows[0]?.status === 'sent',
    )
    expect(sms).toEqual([expect.objectContaining({ channel: 'sms', status: 'sent', nodeId: 'sms' })])
    const timeline = await unwrap(admin.GET('/api/cases/{id}/timeline', { params: { path: { id: 'ada' } } }))
    expect(timeline.at(-1)).toMatchObject({ kind: 'exited', nodeId: 'done' })
    expect(smtp.mails).toHaveLength(1)
  })

  it('refuses what it must refuse, and changes nothing while doing so', async () => {
    const journeysBefore = await unwrap(admin.GET('/api/journeys'))
    const messagesBefore = await unwrap(admin.GET('/api/messages', { params: { query: {} } }))

    // No key, or one that does not exist.
    const anonymous = await fetch(`${server.url}/api/journeys`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /)
    const unknown = createClient({ baseUrl: server.url, apiKey: 'dw_thisKeyDoesNotExist0000000000000000000' })
    await expect(unwrap(unknown.GET('/api/journeys'))).rejects.toMatchObject({ status: 401 })

    // A viewer key, made by the CLI on the database the server is running on.
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'keys', 'create', '--role', 'viewer', '--name', 't', '--db', db], {
      cwd: root,
      env: serverEnv({}),
    })
    const viewerKey = stdout.trim()
    expect(viewerKey).toMatch(/^dw_/)
    const viewer = createClient({ baseUrl: server.url, apiKey: viewerKey })
    expect(await unwrap(viewer.GET('/api/journeys'))).toEqual(journeysBefore)
    const forbidden = await unwrap(viewer.POST('/api/journeys/{id}/publish', { params: { path: { id: journey.id } }, body: {} })).catch(
      (error: unknown) => error,
    )
    expect(forbidden).toBeInstanceOf(ApiError)
    expect(forbidden).toMatchObject({ status: 403, title: 'Forbidden', problem: { permission: 'journeys:publish' } })
    await expect(
      unwrap(viewer.PUT('/api/journeys/{id}/draft', { params: { path: { id: journey.id } }, body: { ...journey, name: 'Changed by a viewer' } })),
    ).rejects.toMatchObject({ status: 403 })
    await expect(unwrap(viewer.POST('/api/test/clock', { body: { advanceTo: '2026-12-01T00:00:00Z' } }))).rejects.toMatchObject({ status: 403 })

    // Over 2 MB of JSON.
    const big = JSON.stringify({ ...journey, id: 'too-big', description: 'x'.repeat(2 * 1024 * 1024 + 1) })
    const tooLarge = await fetch(`${server.url}/api/journeys/too-big/draft`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: big,
    })
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toMatchObject({ status: 413, title: 'Content Too Large' })
    // fetch keeps the connection for the next requests: the unread rest of that body must not break them.
    for (let i = 0; i < 5; i++) {
      const next = await fetch(`${server.url}/api/journeys`, { headers: { Authorization: `Bearer ${adminKey}` } }).catch((error: unknown) => error as Error)
      expect(next instanceof Response ? next.status : `${next.message}: ${(next.cause as Error | undefined)?.message}`, `request ${i + 1} after the 413`).toBe(
        200,
      )
    }

    // Malformed JSON.
    for (const [method, path] of [
      ['PUT', '/api/cases/broken'],
      ['POST', '/api/events'],
      ['PUT', `/api/journeys/${journey.id}/draft`],
    ] as const) {
      const malformed = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
        body: '{"id": "broken", ',
      })
      expect(malformed.status, `${method} ${path}`).toBe(400)
      expect(malformed.headers.get('content-type')).toBe('application/problem+json')
      expect(await malformed.json()).toMatchObject({ status: 400, title: 'Bad Request' })
    }

    // Nothing changed.
    expect(await unwrap(admin.GET('/api/journeys'))).toEqual(journeysBefore)
    expect(await unwrap(admin.GET('/api/messages', { params: { query: {} } }))).toEqual(messagesBefore)
    await expect(unwrap(admin.GET('/api/journeys/{id}', { params: { path: { id: 'too-big' } } }))).rejects.toMatchObject({ status: 404 })
    await expect(unwrap(admin.GET('/api/cases/{id}', { params: { path: { id: 'broken' } } }))).rejects.toMatchObject({ status: 404 })
    const current = await unwrap(admin.GET('/api/journeys/{id}', { params: { path: { id: journey.id } } }))
    expect(current).toMatchObject({ name: journey.name, latestVersion: 1, hasDraft: false })
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('dunwell serve killed with SIGKILL while it sends', () => {
  const CASES = 300
  const TARGET = '2026-11-23T09:00:00Z'
  // The same links in every run, so that a resent email is the very same email.
  const env = { DUNWELL_SECRET: 'e2e-crash-secret', DUNWELL_PUBLIC_URL: 'https://pay.example.test' }
  const smtps: Smtp[] = []
  const servers: Server[] = []

  afterAll(async () => {
    for (const server of servers) await server.kill()
    for (const smtp of smtps) await smtp.close()
  })

  async function start(db: string, smtp: Smtp, key?: string) {
    const server = await startDunwell(db, smtp, env)
    servers.push(server)
    const apiKey = key ?? server.adminKey!
    return { server, key: apiKey, client: createClient({ baseUrl: server.url, apiKey }) }
  }

  /** A fresh database with the journey and 300 cases, each with an `invoice.overdue` due at 08:45 (after the start). */
  async function prepare(smtp: Smtp) {
    const db = join(mkdtempSync(join(tmpdir(), 'dunwell-e2e-crash-')), 'db.sqlite')
    const { server, key, client } = await start(db, smtp)
    await publishJourney(server, client, key)
    const ids = Array.from({ length: CASES }, (_, i) => `p-${String(i).padStart(3, '0')}`)
    const cases = ids.map((id, i) => ({
      id,
      debtor: { firstName: `Debtor${i}`, lastName: 'Example', email: `${id}@example.org`, locale: 'en', timezone: 'Europe/London', country: 'GB' },
      amountDue: 10 + i,
      currency: 'GBP',
      dueDate: '2026-11-01',
    }))
    const imported = await fetch(`${server.url}/api/cases/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-ndjson' },
      body: cases.map((c) => JSON.stringify(c)).join('\n'),
    })
    expect(await imported.json()).toMatchObject({ stored: true, counts: { create: CASES, update: 0, refuse: 0 }, problems: [] })
    const events = ids.map((id) => ({ id: `overdue/${id}`, type: 'invoice.overdue', caseId: id, at: '2026-11-23T08:45:00Z' }))
    const ingested = await fetch(`${server.url}/api/events/bulk`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    })
    expect(await ingested.json()).toMatchObject({ accepted: CASES, errors: [] })
    return { db, server, key, client }
  }

  async function advance(client: DunwellClient) {
    return unwrap(client.POST('/api/test/clock', { body: { advanceTo: TARGET } }))
  }

  /** The outbox's emails once none is pending any more (the scheduler may still be finishing). */
  async function settledEmails(client: DunwellClient, run: string) {
    return until(
      `no email pending in the outbox (${run})`,
      () => unwrap(client.GET('/api/messages', { params: { query: { channel: 'email', limit: 1000 } } })),
      (rows) => rows.length === CASES && rows.every((row) => row.status !== 'pending'),
      10_000,
      (rows) => {
        const counts = new Map<string, number>()
        for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1)
        return [...counts].map(([status, count]) => `${count} ${status}`).join(', ')
      },
    )
  }

  function received(smtp: Smtp) {
    return smtp.mails.map((mail) => {
      const headers = parseRawEmail(mail.raw).headers
      return { messageId: headers.get('message-id')!, outboxId: headers.get('x-dunwell-message')!, to: mail.to.join(',') }
    })
  }

  it('receives every due email exactly once per outbox id, as an uninterrupted run does', async () => {
    // The reference: one server, never interrupted.
    const referenceSmtp = await startSmtp()
    smtps.push(referenceSmtp)
    const reference = await prepare(referenceSmtp)
    const began = Date.now()
    expect(await advance(reference.client)).toMatchObject({ items: CASES })
    const referenceMs = Date.now() - began
    const referenceEmails = await settledEmails(reference.client, 'uninterrupted run')
    await reference.server.kill()
    const expected = received(referenceSmtp)
    expect(expected).toHaveLength(CASES)
    expect(new Set(expected.map((m) => m.messageId)).size).toBe(CASES)

    // The same portfolio, killed in the middle of the same advance a few times.
    const smtp = await startSmtp()
    smtps.push(smtp)
    const prepared = await prepare(smtp)
    let current = { server: prepared.server, client: prepared.client }
    const kills: string[] = []
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) current = await start(prepared.db, smtp, prepared.key)
      const before = smtp.mails.length
      const request = advance(current.client).catch(() => 'killed' as const)
      // Early: as the first email of the run reaches the SMTP server, the batch just committed; late: in the middle of
      // handing the emails over. Moments of the work, not of the clock.
      const killAfter = attempt % 2 === 0 ? 1 : 20
      await until(
        'emails sent',
        () => smtp.mails.length - before,
        (n) => n >= killAfter || current.server.child.exitCode !== null,
        5_000,
      ).catch(() => undefined)
      await current.server.kill()
      const answer = await request
      kills.push(`${answer === 'killed' ? 'killed' : 'finished'} after ${smtp.mails.length - before} emails`)
    }
    // Restarted once more on the same database; the clock starts at --test-clock again, so the same target.
    current = await start(prepared.db, smtp, prepared.key)
    await advance(current.client)
    const emails = await settledEmails(current.client, `after ${kills.length} kills and a restart`)
    console.log(`crash runs (reference advance took ${referenceMs} ms): ${kills.join('; ')}; ${smtp.mails.length} emails received for ${CASES} outbox rows`)

    expect(emails.map((row) => [row.id, row.status]).sort()).toEqual(referenceEmails.map((row) => [row.id, row.status]).sort())
    const sent = emails.filter((row) => row.status === 'sent')
    expect(sent).toHaveLength(CASES)

    const got = received(smtp)
    // A resend after a crash is the same message: the same Message-ID, the same outbox id, the same recipient.
    const byMessageId = new Map<string, Set<string>>()
    for (const mail of got) byMessageId.set(mail.messageId, (byMessageId.get(mail.messageId) ?? new Set()).add(`${mail.outboxId} ${mail.to}`))
    for (const [messageId, copies] of byMessageId) expect([...copies], messageId).toHaveLength(1)
    expect(byMessageId.size).toBe(sent.length)
    expect([...byMessageId.keys()].sort()).toEqual(sent.map((row) => messageIdFor(row.id, 'example.com')).sort())
    expect([...new Set(got.map((m) => `${m.messageId} ${m.outboxId} ${m.to}`))].sort()).toEqual(
      expected.map((m) => `${m.messageId} ${m.outboxId} ${m.to}`).sort(),
    )
  }, 180_000)
})
