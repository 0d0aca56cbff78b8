import { describe, expect, it } from 'vitest'
import { linkToken, readLinkToken, readPortalLinkToken, signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../index'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import { DAY, LETTER_SECRET, LINK_SECRET, optoutToken, SMS_SECRET, snapshot, startApi, type TestApi } from './testing'

/** entry → SMS → wait 3 days → SMS → exit: the second text shows whether an opt-out in between was honoured. */
const twoTexts = journey({
  id: 'two-texts',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    first: ['sms', { template: 'text' }],
    hold: ['wait', { for: 'P3D' }],
    second: ['sms', { template: 'text' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>first', 'first>hold', 'hold>second', 'second>done'],
  templates: {
    text: textTemplate('sms', 'Hi {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open. No more texts: {{ links.optout }}'),
  },
})

/** One case, enrolled, its first SMS sent. */
async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/two-texts/draft', { body: twoTexts })
  await api.expectStatus(201, 'POST', '/api/journeys/two-texts/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
  await api.advanceBy(60_000)
  const [first] = await api.db.selectFrom('outbox').selectAll().where('case_id', '=', 'c-1').execute()
  return { api, first: first! }
}

const smsOf = (api: TestApi) => api.db.selectFrom('outbox').select(['node_id', 'status', 'reason']).where('channel', '=', 'sms').orderBy('created_at').execute()
const eventsOf = (api: TestApi, type: string) => api.db.selectFrom('events').select(['key as id', 'case_id', 'data']).where('type', '=', type).execute()

describe('opt-out links', () => {
  it('the SMS carries a link; GET asks, POST opts out, and the next SMS is suppressed with the reason', async () => {
    const { api, first } = await setup()
    const link = /https:\/\/pay\.dunwell\.test\/optout\/([A-Za-z0-9_-]+)/.exec(first.text ?? '')
    expect(link, first.text ?? '').not.toBeNull()
    const token = link![1]!
    expect(readLinkToken(token, LINK_SECRET, 'optout', api.clock.now())).toMatchObject({ status: 'valid', caseId: 'c-1', channel: 'sms' })

    const page = await api.request('GET', `/optout/${token}`, { as: null })
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('Stop text messages about this invoice?')
    expect(html).toContain('<form method="post">')
    expect(await eventsOf(api, 'optout')).toEqual([]) // a link scanner following the link opts no one out

    const done = await api.request('POST', `/optout/${token}`, { as: null })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('You are unsubscribed')
    expect((await api.request('POST', `/optout/${token}`, { as: null })).status).toBe(200) // pressed twice
    expect((await eventsOf(api, 'optout')).map((e) => ({ ...e, data: JSON.parse(e.data) }))).toEqual([
      { id: 'optout/c-1/sms', case_id: 'c-1', data: { channel: 'sms', via: 'link' } },
    ])

    await api.advanceBy(4 * DAY)
    expect(await smsOf(api)).toEqual([
      { node_id: 'first', status: 'recorded', reason: null },
      { node_id: 'second', status: 'suppressed', reason: 'opted out of sms' },
    ])
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).optouts).toEqual([{ channel: 'sms', at: '2026-11-23T09:01:00.000Z' }])
  })

  it('a tampered or foreign token is 404 and opts no one out', async () => {
    const { api } = await setup()
    const token = optoutToken('c-1', 'sms')
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1)
    // c-1's signature on another case's payload.
    const mac = Buffer.from(token, 'base64url').subarray(-12)
    const otherCase = Buffer.concat([Buffer.from('sms:c-2'), mac]).toString('base64url')
    const forged = [
      flipped,
      token.slice(0, -1),
      linkToken('c-1', 'sms', LINK_SECRET, 'pay'), // a payment link's token
      linkToken('c-1', 'sms', 'some-other-secret-of-16', 'optout'),
      otherCase,
    ]
    const before = await snapshot(api)
    for (const bad of forged) {
      for (const method of ['GET', 'POST']) {
        const response = await api.request(method, `/optout/${bad}`, { as: null })
        expect(response.status, `${method} ${bad}`).toBe(404)
        expect(await response.text()).toContain('This link is not valid')
      }
    }
    expect(await snapshot(api)).toEqual(before)
  })

  it('a payment link sent before the portal leads to the portal, which shows what is open', async () => {
    const { api } = await setup()
    const redirect = await api.request('GET', `/pay/${linkToken('c-1', 'sms', LINK_SECRET, 'pay')}`, { as: null })
    expect(redirect.status).toBe(303)
    const location = redirect.headers.get('location')!
    expect(location).toMatch(/^\.\.\/portal\/[A-Za-z0-9_-]+$/)
    expect(readPortalLinkToken(location.split('/').at(-1)!, LINK_SECRET, api.clock.now())).toMatchObject({ status: 'valid', caseId: 'c-1', channel: 'sms' })
    const page = await api.request('GET', location.replace('..', ''), { as: null })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Your open invoice</title>')
    expect(html).toMatch(/<dd class="total">€100\.00<\/dd>/)
    expect((await api.request('GET', `/pay/${optoutToken('c-1', 'sms')}`, { as: null })).status).toBe(404)
  })
})

describe('provider callbacks', () => {
  function signed(body: unknown, { secret = SMS_SECRET, secondsAgo = 0 } = {}) {
    const text = JSON.stringify(body)
    const timestamp = String(Math.floor(Date.now() / 1000) - secondsAgo)
    return {
      body: text,
      type: 'application/json',
      as: null,
      headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPayload(secret, timestamp, text) },
    }
  }

  it('a signed delivery report becomes a message.delivered event', async () => {
    const { api, first } = await setup()
    expect(await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'delivered' }))).toEqual({
      accepted: true,
      event: 'message.delivered',
    })
    expect((await eventsOf(api, 'message.delivered')).map((e) => ({ ...e, data: JSON.parse(e.data) }))).toEqual([
      { id: expect.any(String), case_id: 'c-1', data: { messageId: first.id } },
    ])
    await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'delivered' })) // the provider retries
    expect(await eventsOf(api, 'message.delivered')).toHaveLength(1)

    const failed = await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'failed', reason: 'unreachable' }))
    expect(failed).toEqual({ accepted: true, event: 'message.failed' })
  })

  it('refuses a wrong, missing or stale signature with 401, recording nothing', async () => {
    const { api, first } = await setup()
    const body = { messageId: first.id, status: 'delivered' }
    const tampered = signed(body)
    tampered.body = JSON.stringify({ ...body, status: 'failed' })
    const unsigned = { ...signed(body), headers: {} }
    const before = await snapshot(api)
    for (const request of [signed(body, { secret: 'not-the-secret' }), tampered, unsigned, signed(body, { secondsAgo: 3600 })]) {
      const response = await api.request('POST', '/callbacks/sms', request)
      expect(response.status).toBe(401)
      expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    }
    expect(await snapshot(api)).toEqual(before)
  })

  it('a reply "STOP" opts the case out of that channel; another reply is message.replied', async () => {
    const { api, first } = await setup()
    expect(
      await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'reply', text: 'I will pay at the end of the month' })),
    ).toEqual({ accepted: true, event: 'message.replied' })
    expect(await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'reply', text: 'STOP' }))).toEqual({
      accepted: true,
      event: 'optout',
    })
    expect((await eventsOf(api, 'optout')).map((e) => JSON.parse(e.data))).toEqual([{ channel: 'sms', via: 'reply' }])
    await api.advanceBy(4 * DAY)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).optouts).toEqual([{ channel: 'sms', at: expect.any(String) }])
    expect((await smsOf(api)).at(-1)).toEqual({ node_id: 'second', status: 'suppressed', reason: 'opted out of sms' })
  })

  it('a provider speaks only for its own channel’s messages: an SMS STOP or a letter failure for an email is 404 and changes nothing', async () => {
    const api = await startApi()
    const mailThenText = journey({
      id: 'mail-then-text',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        mail: ['email', { template: 'mail' }],
        text: ['sms', { template: 'text' }],
        done: ['exit', { outcome: 'done' }],
        lost: ['exit', { outcome: 'mail-failed' }],
      },
      edges: ['start>mail', 'mail>text', 'mail:failed>lost', 'text>done'],
      templates: { mail: emailTemplate('{{ case.balance | money }} is open.'), text: textTemplate('sms', '{{ case.balance | money }} is open.') },
    })
    await api.expectStatus(200, 'PUT', '/api/journeys/mail-then-text/draft', { body: mailThenText })
    await api.expectStatus(201, 'POST', '/api/journeys/mail-then-text/publish')
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    const [email] = await api.db.selectFrom('outbox').select('id').where('channel', '=', 'email').execute()
    const before = await snapshot(api)
    const stop = await api.expectStatus(404, 'POST', '/callbacks/sms', signed({ messageId: email!.id, status: 'reply', text: 'STOP' }))
    expect(stop.errors).toEqual([{ path: 'messageId', message: `no message "${email!.id}" was sent through sms` }])
    await api.expectStatus(404, 'POST', '/callbacks/letter', signed({ messageId: email!.id, status: 'failed', reason: 'returned' }, { secret: LETTER_SECRET }))
    expect(await snapshot(api)).toEqual(before)
    await api.advanceBy(DAY)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).optouts).toEqual([])
    // The SMS provider still reports its own message.
    const [text] = await api.db.selectFrom('outbox').select('id').where('channel', '=', 'sms').execute()
    expect(await api.expectStatus(202, 'POST', '/callbacks/sms', signed({ messageId: text!.id, status: 'reply', text: 'STOP' }))).toEqual({
      accepted: true,
      event: 'optout',
    })
  })

  it('an unknown provider or message is 404; a body that is not a callback is 400', async () => {
    const { api, first } = await setup()
    await api.expectStatus(404, 'POST', '/callbacks/carrier-pigeon', signed({ messageId: first.id, status: 'delivered' }))
    await api.expectStatus(404, 'POST', '/callbacks/sms', signed({ messageId: 'nope', status: 'delivered' }))
    const problem = await api.expectStatus(400, 'POST', '/callbacks/sms', signed({ messageId: first.id, status: 'reply' }))
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'text' })])
    expect(await eventsOf(api, 'message.replied')).toEqual([])
  })
})
