import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, createApp, Engine, openSqlite, VirtualClock, type OpenedDatabase } from '@dunwell/runtime'
import { ApiError, createClient, unwrap, type DunwellClient } from './index'
import { emailThenSms } from '@dunwell/journey/testing'

const journey = emailThenSms({
  id: 'client-test',
  name: 'Client test',
  subject: 'About your invoice',
  email:
    '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open. <a href="{{ links.optout }}">Unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>',
  sms: 'Hi {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is still open. Reply STOP to opt out.',
})

const debtor = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+447700900123',
  locale: 'en',
  timezone: 'Europe/London',
  country: 'GB',
}

let opened: OpenedDatabase
let client: DunwellClient
let anonymous: DunwellClient

beforeAll(async () => {
  opened = await openSqlite(join(mkdtempSync(join(tmpdir(), 'dunwell-client-')), 'db.sqlite'))
  const clock = new VirtualClock(Date.parse('2026-11-23T08:30:00Z'))
  const engine = await new Engine({ db: opened.db, store: opened.store, clock }).start()
  const app = createApp({ engine, db: opened.db, testClock: clock })
  // No server: every request goes through the app in-process.
  const fetch = async (request: Request) => app.request(request)
  const { key } = await createApiKey(opened.db, { name: 'client test', role: 'admin' })
  client = createClient({ baseUrl: 'http://localhost', apiKey: key, fetch })
  anonymous = createClient({ baseUrl: 'http://localhost', fetch })
})

afterAll(async () => {
  await opened?.close()
})

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('createClient against createApp in-process', () => {
  it('lists journeys, saves a draft and publishes it', async () => {
    expect(await unwrap(client.GET('/api/journeys'))).toEqual([])

    const saved = await unwrap(client.PUT('/api/journeys/{id}/draft', { params: { path: { id: journey.id } }, body: journey }))
    expect(saved).toEqual({ valid: true, diagnostics: [] })

    const published = await unwrap(client.POST('/api/journeys/{id}/publish', { params: { path: { id: journey.id } }, body: { note: 'first' } }))
    expect(published).toEqual({ journeyId: journey.id, version: 1 })

    const list = await unwrap(client.GET('/api/journeys'))
    expect(list).toEqual([expect.objectContaining({ id: journey.id, status: 'active', latestVersion: 1, hasDraft: false })])
  })

  it('upserts a case, posts an event, moves the clock and reads the timeline and the outbox', async () => {
    const created = await unwrap(
      client.PUT('/api/cases/{id}', { params: { path: { id: 'c-1' } }, body: { id: 'c-1', debtor, amountDue: 120, currency: 'GBP', dueDate: '2026-11-01' } }),
    )
    expect(created).toEqual({ id: 'c-1', created: true })

    const event = await unwrap(client.POST('/api/events', { body: { id: 'overdue-c-1', type: 'invoice.overdue', caseId: 'c-1' } }))
    expect(event).toEqual({ id: 'overdue-c-1', duplicate: false })

    const moved = await unwrap(client.POST('/api/test/clock', { body: { advanceTo: '2026-11-25T09:00:00Z' } }))
    expect(moved.now).toBe('2026-11-25T09:00:00.000Z')
    expect(moved.items).toBeGreaterThanOrEqual(2)

    const timeline = await unwrap(client.GET('/api/cases/{id}/timeline', { params: { path: { id: 'c-1' } } }))
    const entered = timeline.filter((entry) => entry.kind === 'entered').map((entry) => entry.nodeId)
    expect(entered).toEqual(['overdue', 'email', 'wait', 'sms', 'done'])
    expect(timeline.at(-1)).toMatchObject({ kind: 'exited', nodeId: 'done' })

    const messages = await unwrap(client.GET('/api/messages', { params: { query: { caseId: 'c-1' } } }))
    expect(messages.map((m) => [m.channel, m.status]).sort()).toEqual([
      ['email', 'recorded'],
      ['sms', 'recorded'],
    ])
    expect(messages.find((m) => m.channel === 'email')?.subject).toBe('About your invoice')
  })

  it('throws an ApiError with the problem for a 404', async () => {
    const error = await rejection(unwrap(client.GET('/api/journeys/{id}', { params: { path: { id: 'nope' } } })))
    expect(error).toMatchObject({ status: 404, title: 'Not Found', detail: 'no journey "nope"', errors: [] })
    expect(error.message).toBe('404 Not Found: no journey "nope"')
  })

  it('throws an ApiError with the field errors for a 400', async () => {
    const error = await rejection(
      unwrap(
        client.PUT('/api/cases/{id}', {
          params: { path: { id: 'c-2' } },
          body: { id: 'c-2', debtor: { ...debtor, email: 'not an address' }, amountDue: 10, currency: 'GBP', dueDate: '2026-11-01' },
        }),
      ),
    )
    expect(error.status).toBe(400)
    expect(error.title).toBe('Bad Request')
    expect(error.errors).toEqual([expect.objectContaining({ path: 'debtor.email' })])
    expect(error.message).toContain('debtor.email: ')
    // Nothing was stored.
    expect((await rejection(unwrap(client.GET('/api/cases/{id}', { params: { path: { id: 'c-2' } } })))).status).toBe(404)
  })

  it('throws an ApiError 401 without a key, and the problem keeps its extensions', async () => {
    const error = await rejection(unwrap(anonymous.GET('/api/journeys')))
    expect(error).toMatchObject({ status: 401, title: 'Unauthorized' })
    expect(error.detail).toContain('needs an API key')
    expect(error.problem.type).toBe('about:blank')
  })

  it('reads a body that is not a problem as well as it can', async () => {
    const error = await ApiError.from(new Response('upstream timed out', { status: 504, statusText: 'Gateway Timeout' }))
    expect(error).toMatchObject({ status: 504, title: 'Gateway Timeout', detail: 'upstream timed out', errors: [] })
  })
})
