import { Hono } from 'hono'
import { describe, expect, it, onTestFinished } from 'vitest'
import { linkToken, portalLinkToken } from '../index'
import { caseInput } from '../engine/testing'
import { startStripeProtocolServer } from '../payments/testing/stripe-protocol-server'
import { DAY, LINK_SECRET, startApi } from './testing'

/** Where debtors reach the runtime: behind a host's path, as many installations are. */
const PREFIXED = 'https://example.com/dunwell/'

async function setup() {
  const stripe = await startStripeProtocolServer()
  onTestFinished(() => stripe.close())
  const api = await startApi({ payments: { provider: stripe.provider(), publicUrl: PREFIXED } })
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  const token = portalLinkToken(
    { caseId: 'c-1', channel: 'sms', step: 'portal-sms/c-1/1/1', offers: ['partial', 'plan', 'promise'] },
    LINK_SECRET,
    api.clock.now() + DAY,
  )
  return { api, stripe, token }
}

/** Every address a page leads to: links, form actions, images. */
function targets(html: string): string[] {
  return [...html.matchAll(/\s(?:href|action|src)="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'))
}

/**
 * Follows every link of the portal from its overview, as a browser at `start` would resolve them: each must stay under
 * `prefix` and answer a page. `fetchAt` asks the app for an absolute URL.
 */
async function crawl(start: string, prefix: string, fetchAt: (url: string) => Response | Promise<Response>) {
  const seen = new Set<string>()
  const actions = new Set<string>()
  const queue = [start]
  while (queue.length > 0) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const response = await fetchAt(url)
    expect(response.status, url).toBe(200)
    const html = await response.text()
    for (const target of targets(html)) {
      if (target.startsWith('data:')) continue
      const resolved = new URL(target, url)
      expect(resolved.href, `${target} on ${url}`).toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`))
      resolved.hash = ''
      // Forms post; links are followed.
      if (new RegExp(`action="${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(html)) actions.add(resolved.href)
      else queue.push(resolved.href)
    }
  }
  return { pages: [...seen], actions: [...actions] }
}

describe('the portal under a host prefix (publicUrl with a path)', () => {
  it('behind a proxy that strips the prefix: every link, form and back link stays under it, and the provider returns there', async () => {
    const { api, stripe, token } = await setup()
    const strip = (url: string) => {
      const path = new URL(url).pathname
      expect(path.startsWith('/dunwell/'), url).toBe(true)
      return path.slice('/dunwell'.length) + new URL(url).search
    }
    const { pages, actions } = await crawl(`${PREFIXED}portal/${token}`, `${PREFIXED}portal/${token}`, (url) => api.app.request(strip(url)))
    // The overview and each page it offers, and the forms on them.
    // (Pages added later, e.g. a plan's, are crawled and checked as well.)
    const below = (list: string[]) => list.map((url) => url.slice(`${PREFIXED}portal/${token}`.length))
    expect(below(pages)).toEqual(expect.arrayContaining(['', '/dispute', '/hardship', '/preferences', '/promise', '/transfer']))
    expect(below(actions)).toEqual(expect.arrayContaining(['/checkout', '/dispute', '/hardship', '/preferences', '/promise', '/optout']))

    // A form answered with a page (a promise without a date): its links and forms stay under the prefix too.
    const page = `${PREFIXED}portal/${token}/promise`
    const html = await (await api.app.request(strip(page))).text()
    const [, submission] = /name="submission" value="([^"]+)"/.exec(html)!
    const [, csrf] = /name="csrf" value="([^"]+)"/.exec(html)!
    const refused = await api.app.request(strip(page), {
      method: 'POST',
      body: `submission=${submission}&csrf=${encodeURIComponent(csrf!)}&date=&amount=`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(refused.status).toBe(400)
    for (const target of targets(await refused.text())) expect(new URL(target, page).href, target).toMatch(/^https:\/\/example\.com\/dunwell\/portal\//)

    // Pay now: Stripe sends the debtor back under the prefix.
    expect(
      (await api.request('POST', strip(`${PREFIXED}portal/${token}/checkout`), { as: null, body: '', type: 'application/x-www-form-urlencoded' })).status,
    ).toBe(303)
    expect(Object.fromEntries(stripe.seen[0]!.form)).toMatchObject({
      success_url: `${PREFIXED}portal/${token}?checkout=done`,
      cancel_url: `${PREFIXED}portal/${token}?checkout=cancelled`,
    })

    // The opt-out page's form posts back to the page's own address.
    const optout = await (await api.app.request(strip(`${PREFIXED}optout/${linkToken('c-1', 'email', LINK_SECRET, 'optout', api.clock.now() + DAY)}`))).text()
    expect(optout).toContain('<form method="post">')
    expect(targets(optout)).toEqual([])

    // A pay link sent before the portal leads to the portal under the prefix.
    const pay = `${PREFIXED}pay/${linkToken('c-1', 'email', LINK_SECRET, 'pay', api.clock.now() + DAY)}`
    const moved = await api.app.request(strip(pay))
    expect(moved.status).toBe(303)
    expect(new URL(moved.headers.get('location')!, pay).href).toMatch(/^https:\/\/example\.com\/dunwell\/portal\/[\w-]+$/)
  })

  it('the app mounted under the prefix in another service: the same links answer there', async () => {
    const { api, token } = await setup()
    const host = new Hono()
    host.route('/dunwell', api.app)
    const { pages } = await crawl(`http://localhost/dunwell/portal/${token}`, `http://localhost/dunwell/portal/${token}`, (url) => host.request(url))
    expect(pages.map((url) => url.slice(`http://localhost/dunwell/portal/${token}`.length))).toEqual(
      expect.arrayContaining(['', '/dispute', '/hardship', '/preferences', '/promise', '/transfer']),
    )
    // A form sent where its action leads is taken: the promise is stored.
    const page = `http://localhost/dunwell/portal/${token}/promise`
    const html = await (await host.request(page)).text()
    const [, action] = /<form method="post" action="([^"]+)"/.exec(html)!
    const [, submission] = /name="submission" value="([^"]+)"/.exec(html)!
    const [, csrf] = /name="csrf" value="([^"]+)"/.exec(html)!
    const [, date] = /name="date"[^>]*value="([^"]+)"/.exec(html)!
    const sent = await host.request(new URL(action!, page).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `submission=${submission}&csrf=${encodeURIComponent(csrf!)}&date=${date}&amount=40`,
    })
    expect(sent.status).toBe(200)
    const stored = await api.db.selectFrom('events').select(['type', 'case_id']).where('type', '=', 'promise.made').execute()
    expect(stored).toEqual([{ type: 'promise.made', case_id: 'c-1' }])
  })
})
