import { describe, expect, it } from 'vitest'
import { portalLinkToken } from '../index'
import { caseInput, journey, textTemplate } from '../engine/testing'
import { DAY, LINK_SECRET, snapshot, startApi, type TestApi } from './testing'

/** entry → SMS with the portal link → exit. */
const withPortal = journey({
  id: 'portal-sms',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    text: ['sms', { template: 'text' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>text', 'text>done'],
  templates: { text: textTemplate('sms', { en: 'Pay or plan: {{ links.portal }}', de: 'Zahlen oder Raten: {{ links.portal }}' }) },
})

async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/portal-sms/draft', { body: withPortal })
  await api.expectStatus(201, 'POST', '/api/journeys/portal-sms/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
  await api.advanceBy(60_000)
  const [message] = await api.db.selectFrom('outbox').select(['id', 'text']).where('case_id', '=', 'c-1').execute()
  const url = /https:\/\/\S+\/portal\/([A-Za-z0-9_-]+)/.exec(message!.text ?? '')
  if (!url) throw new Error(`no portal link in ${message?.text}`)
  return { api, token: url[1]!, messageId: message!.id }
}

const opened = (api: TestApi) => api.db.selectFrom('events').select(['key', 'case_id', 'data']).where('type', '=', 'link.opened').execute()
const phone = 'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'

describe('portal links in messages', () => {
  it('the message carries a portal link bound to its case and its step; opening it records link.opened once a day', async () => {
    const { api, token, messageId } = await setup()
    const page = await api.request('GET', `/portal/${token}`, { as: null, headers: { 'user-agent': phone } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Your open invoice</title>')
    expect(html).toContain('<dd class="total">€100.00</dd>')
    await api.request('GET', `/portal/${token}`, { as: null, headers: { 'user-agent': phone } })
    expect(await opened(api)).toEqual([
      { key: expect.stringMatching(/^link\.opened\//), case_id: 'c-1', data: JSON.stringify({ purpose: 'portal', step: messageId }) },
    ])
    await api.advanceBy(DAY)
    await api.request('GET', `/portal/${token}`, { as: null, headers: { 'user-agent': phone } })
    expect(await opened(api)).toHaveLength(2)
    // The token's hash names the link in the event's key, never the token itself.
    for (const event of await opened(api)) expect(event.key).not.toContain(token)
  })

  it('HEAD, prefetch, previews and link scanners get the page but record nothing', async () => {
    const { api, token } = await setup()
    expect((await api.request('HEAD', `/portal/${token}`, { as: null, headers: { 'user-agent': phone } })).status).toBe(200)
    for (const headers of [
      { 'sec-purpose': 'prefetch' } as Record<string, string>,
      { 'sec-purpose': 'prefetch;prerender' },
      { purpose: 'prefetch' },
      { 'x-purpose': 'preview' },
      { 'x-moz': 'prefetch' },
    ])
      expect((await api.request('GET', `/portal/${token}`, { as: null, headers: { 'user-agent': phone, ...headers } })).status).toBe(200)
    for (const agent of ['Barracuda Sentinel (EE)', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'WhatsApp/2.23.20.0'])
      expect((await api.request('GET', `/portal/${token}`, { as: null, headers: { 'user-agent': agent } })).status).toBe(200)
    expect(await opened(api)).toEqual([])
  })

  it('an expired, tampered, foreign or other-case link gets a clear page in the debtor’s language and changes nothing', async () => {
    const { api, token } = await setup()
    await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' } }) })
    const before = await snapshot(api)
    const bytes = Buffer.from(token, 'base64url')
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 1
    for (const bad of [
      bytes.toString('base64url'),
      portalLinkToken({ caseId: 'c-1', channel: 'sms' }, 'a-foreign-secret-0123456789', api.clock.now() + DAY),
      portalLinkToken({ caseId: 'no-such-case', channel: 'sms' }, LINK_SECRET, api.clock.now() + DAY),
    ]) {
      const response = await api.request('GET', `/portal/${bad}`, { as: null, headers: { 'accept-language': 'de-DE,de;q=0.9' } })
      expect(response.status).toBe(404)
      expect(await response.text()).toContain('<title>Dieser Link ist nicht gültig</title>')
      const post = await api.request('POST', `/portal/${bad}/checkout`, { as: null, body: 'amount=10', type: 'application/x-www-form-urlencoded' })
      expect(post.status).toBe(404)
    }
    const expired = portalLinkToken({ caseId: 'c-de', channel: 'email' }, LINK_SECRET, api.clock.now() - 60_000)
    const response = await api.request('GET', `/portal/${expired}`, { as: null, headers: { 'user-agent': phone } })
    expect(response.status).toBe(410)
    const page = await response.text()
    expect(page).toContain('<title>Dieser Link ist abgelaufen</title>')
    expect(page.slice(page.indexOf('<main>'))).not.toMatch(/€|100/)
    expect(await snapshot(api)).toEqual(before)
  })
})
