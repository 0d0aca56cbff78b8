// The runtime as users run it: `dunwell serve` in its own process, a real SMTP server on the other side, requests
// over TCP. Each server is killed in afterAll whatever happens; the crash test kills some with SIGKILL on purpose.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startSmtp, type Smtp } from './support/smtp'
import { until } from './support/until'
import { FROM, root, serverEnv, startDunwell, type Server } from './support/dunwell-server'
import { decodeHeader, parseRawEmail, partOf, seeded } from '@dunwell/runtime/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, createClient, unwrap, type DunwellClient } from '@dunwell/client'
import { messageIdFor } from '@dunwell/runtime'
import { emailThenSms } from '@dunwell/journey/testing'
import Sqlite from 'better-sqlite3'
import { startSmsProvider, type SmsProvider } from './support/sms-provider'

const cli = join(root, 'packages/cli/bin/dunwell.js')

// ---------------------------------------------------------------------------------------------------------------
// What the tests send.

const journey = emailThenSms({
  id: 'e2e-reminder',
  name: 'E2E reminder',
  subject: '{{ debtor.firstName | default: "there" }}, a reminder about your invoice',
  email:
    '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ debtor.firstName | default: "there" }} {{ debtor.lastName | default: "" }}, {{ case.balance | money }} was due on {{ case.dueDate | local_date }}.</mj-text><mj-button href="{{ links.pay }}">Pay now</mj-button><mj-text font-size="12px">No more emails about this? <a href="{{ links.optout }}">Unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>',
  sms: 'Hi {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is still open: {{ links.pay }} Reply STOP to opt out.',
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

    // Two days on, the SMS: no SMS provider is configured, so it is recorded and not sent.
    expect(await unwrap(admin.GET('/api/messages', { params: { query: { caseId: 'ada', channel: 'sms' } } }))).toEqual([])
    await unwrap(admin.POST('/api/test/clock', { body: { advanceTo: '2026-11-25T09:00:00Z' } }))
    const sms = await until(
      'the SMS recorded',
      () => unwrap(admin.GET('/api/messages', { params: { query: { caseId: 'ada', channel: 'sms' } } })),
      (rows) => rows[0]?.status === 'recorded',
    )
    expect(sms).toEqual([expect.objectContaining({ channel: 'sms', status: 'recorded', nodeId: 'sms' })])
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
  // Half the kills aim at emails, half at SMS: enough cases that neither runs out before its last kill.
  const CASES = 24
  const KILLS = 20
  // Past the journey's two-day wait: each case gets its email on the first day and its SMS on the third.
  const TARGET = '2026-11-25T12:00:00Z'
  const SMS_SECRET = 'e2e-crash-sms-secret'
  // The same links in every run, so that a resent email is the very same email.
  const env = { DUNWELL_SECRET: 'e2e-crash-secret', DUNWELL_PUBLIC_URL: 'https://pay.example.test', DUNWELL_SMS_SECRET: SMS_SECRET }
  const smtps: Smtp[] = []
  const providers: SmsProvider[] = []
  const servers: Server[] = []

  afterAll(async () => {
    for (const server of servers) await server.kill()
    for (const smtp of smtps) await smtp.close()
    for (const provider of providers) await provider.close()
  })

  async function start(db: string, smtp: Smtp, provider: SmsProvider, key?: string) {
    const server = await startDunwell(db, smtp, { ...env, DUNWELL_SMS_URL: provider.url })
    servers.push(server)
    const apiKey = key ?? server.adminKey!
    return { server, key: apiKey, client: createClient({ baseUrl: server.url, apiKey }) }
  }

  /** A fresh database with the journey and the cases, each with an `invoice.overdue` due at 08:45 (after the start). */
  async function prepare(smtp: Smtp, provider: SmsProvider) {
    const db = join(mkdtempSync(join(tmpdir(), 'dunwell-e2e-crash-')), 'db.sqlite')
    const { server, key, client } = await start(db, smtp, provider)
    await publishJourney(server, client, key)
    const ids = Array.from({ length: CASES }, (_, i) => `p-${String(i).padStart(3, '0')}`)
    const cases = ids.map((id, i) => ({
      id,
      debtor: {
        firstName: `Debtor${i}`,
        lastName: 'Example',
        email: `${id}@example.org`,
        phone: `+49151${10_000_000 + i}`,
        locale: 'en',
        timezone: 'Europe/London',
        country: 'GB',
      },
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

  /** The outbox once nothing is pending any more (the scheduler may still be finishing). */
  async function settled(client: DunwellClient, run: string) {
    return until(
      `nothing pending in the outbox (${run})`,
      () => unwrap(client.GET('/api/messages', { params: { query: { limit: 1000 } } })),
      (rows) => rows.length === 2 * CASES && rows.every((row) => row.status !== 'pending'),
      20_000,
      (rows) => {
        const counts = new Map<string, number>()
        for (const row of rows) counts.set(`${row.channel} ${row.status}`, (counts.get(`${row.channel} ${row.status}`) ?? 0) + 1)
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

  /** Entries a crash left between "handed to the provider" and "recorded": read from the file while no server runs. */
  function interrupted(db: string): { id: string; channel: string }[] {
    const sqlite = new Sqlite(db, { readonly: true })
    try {
      return sqlite.prepare(`select id, channel from outbox where sending_since is not null order by id`).all() as { id: string; channel: string }[]
    } finally {
      sqlite.close()
    }
  }

  it('over 20 kills aimed at deliveries: every message once for the debtor, as an uninterrupted run; resends only in the one hand-over a kill interrupts', async () => {
    // The reference: one server, never interrupted.
    const referenceSmtp = await startSmtp()
    const referenceSms = await startSmsProvider(SMS_SECRET)
    smtps.push(referenceSmtp)
    providers.push(referenceSms)
    const reference = await prepare(referenceSmtp, referenceSms)
    expect(await advance(reference.client)).toMatchObject({ now: '2026-11-25T12:00:00.000Z' })
    const referenceRows = await settled(reference.client, 'uninterrupted run')
    await reference.server.kill()
    expect(
      referenceRows
        .filter((row) => row.status === 'sent')
        .map((row) => row.channel)
        .sort(),
    ).toEqual([...Array<string>(CASES).fill('email'), ...Array<string>(CASES).fill('sms')])
    expect(referenceSms.posts).toHaveLength(CASES)
    const expectedMails = received(referenceSmtp)
    expect(new Set(expectedMails.map((m) => m.messageId)).size).toBe(CASES)

    // The same portfolio, killed again and again the moment the N-th message of a run reaches its provider (the
    // SMTP server has the email, or the SMS provider the post): inside the hand-over, the worst moment there is.
    const smtp = await startSmtp()
    const sms = await startSmsProvider(SMS_SECRET)
    smtps.push(smtp)
    providers.push(sms)
    const prepared = await prepare(smtp, sms)
    const random = seeded(20261204)
    let current = { server: prepared.server, client: prepared.client }
    const kills: { at: number; landed: string; interrupted: { id: string; channel: string }[] }[] = []
    for (let kill = 0; kill < KILLS; kill++) {
      if (kill > 0) current = await start(prepared.db, smtp, sms, prepared.key)
      // Killed from inside the provider as it takes the at-th new message of the run (a resend does not count) on the
      // channel this kill aims at, before it answers: the first half at emails, the second at SMS.
      const aim = kill < KILLS / 2 ? 'email' : 'sms'
      const at = 1 + Math.floor(random() * 2)
      const known = new Set([...received(smtp).map((m) => m.outboxId), ...sms.posts.map((p) => p.key)])
      let seen = 0
      let landed = ''
      const server = current.server
      const hit = (channel: string, id: string) => {
        if (channel !== aim || known.has(id) || ++seen !== at) return
        landed = channel
        server.child.kill('SIGKILL')
      }
      smtp.hooks.onMail = (mail) => hit('email', parseRawEmail(mail.raw).headers.get('x-dunwell-message')!)
      sms.hooks.onPost = (post) => hit('sms', post.key)
      await advance(current.client).catch(() => 'killed' as const)
      await server.kill()
      smtp.hooks.onMail = undefined
      sms.hooks.onPost = undefined
      expect(landed, `run ${kill + 1} was killed at its new ${aim} ${at} (it saw ${seen})`).toBe(aim)
      kills.push({ at, landed, interrupted: interrupted(prepared.db) })
    }
    // Restarted once more on the same database; the clock starts at --test-clock again, so the same target.
    current = await start(prepared.db, smtp, sms, prepared.key)
    await advance(current.client)
    const rows = await settled(current.client, `after ${KILLS} kills and a restart`)
    await current.server.kill()
    expect(interrupted(prepared.db)).toEqual([])

    // Exactly the outbox of the uninterrupted run.
    expect(rows.map((row) => [row.id, row.channel, row.status]).sort()).toEqual(referenceRows.map((row) => [row.id, row.channel, row.status]).sort())
    // One delivery loop: a kill interrupts one hand-over at most, never two at once.
    for (const k of kills) expect(k.interrupted.length, JSON.stringify(k)).toBeLessThanOrEqual(1)
    const interruptedEmails = kills.flatMap((k) => k.interrupted.filter((m) => m.channel === 'email'))
    const interruptedSms = kills.flatMap((k) => k.interrupted.filter((m) => m.channel === 'sms'))
    expect(interruptedEmails.length + interruptedSms.length).toBeGreaterThan(0)

    // SMS: a resend carries the same Idempotency-Key, which the provider honours: each debtor gets one SMS.
    expect(sms.delivered.map((d) => d.key).sort()).toEqual(referenceSms.delivered.map((d) => d.key).sort())
    const repeatedPosts = sms.posts.length - sms.delivered.length
    expect(repeatedPosts).toBeLessThanOrEqual(interruptedSms.length)

    // Email: SMTP cannot be asked whether a message arrived. A resend is the same message (Message-ID, outbox id,
    // recipient), and happens only for an entry whose hand-over a kill interrupted.
    const got = received(smtp)
    const byMessageId = new Map<string, Set<string>>()
    for (const mail of got) byMessageId.set(mail.messageId, (byMessageId.get(mail.messageId) ?? new Set()).add(`${mail.outboxId} ${mail.to}`))
    for (const [messageId, copies] of byMessageId) expect([...copies], messageId).toHaveLength(1)
    const sentEmails = rows.filter((row) => row.channel === 'email' && row.status === 'sent')
    expect([...byMessageId.keys()].sort()).toEqual(sentEmails.map((row) => messageIdFor(row.id, 'example.com')).sort())
    const duplicates = got.filter((mail, i) => got.findIndex((other) => other.messageId === mail.messageId) !== i)
    for (const mail of duplicates) expect(interruptedEmails.map((m) => m.id)).toContain(mail.outboxId)
    console.log(
      `crash runs: ${KILLS} kills at deliveries ${kills.map((k) => `${k.at}${k.landed[0]}`).join(' ')}; interrupted hand-overs: ${interruptedEmails.length} email, ${interruptedSms.length} sms; ` +
        `emails received twice: ${duplicates.length}; SMS posts repeated: ${repeatedPosts}, SMS delivered twice: ${sms.delivered.length - new Set(sms.delivered.map((d) => d.key)).size}`,
    )
  }, 600_000)
})
