import { afterEach, describe, expect, it } from 'vitest'
import { createHttpProviderAdapter, createSmtpAdapter, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from '../channels'
import { startHttpServer, startSmtpServer } from '../channels/testing/local-servers'
import { caseInput, emailThenSms } from '../engine/testing'
import { SMS_SECRET, startApi, type TestApi } from './testing'

/** A channel tells the truth: recorded when nothing is wired, sent when a provider took it, then what it reported. */

const reminder = emailThenSms()

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function enrolOne(api: TestApi) {
  await api.expectStatus(200, 'PUT', '/api/journeys/reminder/draft', { body: reminder })
  await api.expectStatus(201, 'POST', '/api/journeys/reminder/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
  // The policy's one message a day across journeys: the SMS follows the email a day later.
  await api.advanceBy(86_400_000 + 60_000)
  const listed = await api.expectStatus<{ id: string; channel: string; status: string }[]>(200, 'GET', '/api/messages?caseId=c-1')
  return Object.fromEntries(listed.map((m) => [m.channel, m]))
}

const detail = (api: TestApi, id: string, as: 'admin' | 'viewer' = 'admin') => api.expectStatus(200, 'GET', `/api/messages/${encodeURIComponent(id)}`, { as })

function signed(body: unknown) {
  const text = JSON.stringify(body)
  const timestamp = String(Math.floor(Date.now() / 1000))
  return { body: text, as: null, headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPayload(SMS_SECRET, timestamp, text) } }
}

describe('messages that tell the truth', () => {
  it('a channel with no provider records its messages, and GET /api/messages/{id} shows them as rendered', async () => {
    const api = await startApi()
    const { email, sms } = await enrolOne(api)
    expect([email!.status, sms!.status]).toEqual(['recorded', 'recorded'])
    const mail = await detail(api, email!.id, 'viewer')
    expect(mail).toMatchObject({
      id: email!.id,
      channel: 'email',
      status: 'recorded',
      recipient: 'anna@example.org',
      subject: expect.any(String),
      createdAt: '2026-11-23T09:00:00.000Z',
      sentAt: '2026-11-23T09:00:00.000Z',
      deliveries: [{ at: '2026-11-23T09:00:00.000Z', status: 'recorded', reason: null, source: 'runtime' }],
    })
    expect(mail.html).toContain('Hello Anna, €100.00 is open.')
    expect(mail.text).toContain('Hello Anna, €100.00 is open.')
    expect((await detail(api, sms!.id)).text).toMatch(/^Pay here: https:\/\/pay\.dunwell\.test\/portal\//)
    expect(await api.expectStatus(200, 'GET', '/api/messages?status=recorded')).toHaveLength(2)
  })

  it('an unknown message is 404, and the detail needs a key like the list', async () => {
    const api = await startApi()
    const { email } = await enrolOne(api)
    const missing = await api.expectStatus(404, 'GET', `/api/messages/${encodeURIComponent('reminder/c-1/1/99')}`)
    expect(missing.detail).toBe('no message "reminder/c-1/1/99"')
    expect((await api.request('GET', `/api/messages/${encodeURIComponent(email!.id)}`, { as: null })).status).toBe(401)
  })

  it('a wired channel sends (real SMTP on loopback, a provider over HTTP), and the provider’s reports become the status', async () => {
    const smtp = await startSmtpServer()
    const provider = await startHttpServer(() => ({ status: 202, body: '{"id":"sms-1"}' }))
    const emailAdapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'billing@acme.test' })
    cleanup.push(smtp.close, provider.close, () => emailAdapter.close())
    const api = await startApi({ channels: { email: emailAdapter, sms: createHttpProviderAdapter({ url: provider.url, secret: SMS_SECRET, channel: 'sms' }) } })
    const { email, sms } = await enrolOne(api)
    expect([email!.status, sms!.status]).toEqual(['sent', 'sent'])
    expect(smtp.mails).toHaveLength(1)
    expect(JSON.parse(provider.requests[0]!.body)).toMatchObject({ id: sms!.id })

    await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: sms!.id, status: 'delivered' }))
    await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: sms!.id, status: 'delivered' })) // the provider retries
    expect(await api.expectStatus(200, 'GET', '/api/messages?status=delivered')).toEqual([expect.objectContaining({ id: sms!.id, channel: 'sms' })])
    expect((await detail(api, sms!.id)).deliveries).toEqual([
      { at: '2026-11-24T09:00:00.000Z', status: 'sent', reason: null, source: 'runtime' },
      { at: '2026-11-24T09:01:00.000Z', status: 'delivered', reason: null, source: 'provider' },
    ])

    await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: sms!.id, status: 'bounced', reason: 'number no longer in service' }))
    const bounced = await detail(api, sms!.id)
    expect(bounced.status).toBe('bounced')
    expect(bounced.deliveries.at(-1)).toEqual({ at: '2026-11-24T09:01:00.000Z', status: 'bounced', reason: 'number no longer in service', source: 'provider' })
    // For a journey a bounce is a message that failed.
    const events = await api.db.selectFrom('events').select(['type', 'data']).where('type', '=', 'message.failed').execute()
    expect(events.map((e) => JSON.parse(e.data))).toEqual([{ messageId: sms!.id, bounced: true, reason: 'number no longer in service' }])

    await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: sms!.id, status: 'failed', reason: 'carrier rejected' }))
    expect(await api.expectStatus(200, 'GET', '/api/messages?caseId=c-1&channel=sms')).toEqual([expect.objectContaining({ status: 'failed' })])
  })
})
