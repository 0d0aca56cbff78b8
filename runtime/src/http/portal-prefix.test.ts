import { Hono } from 'hono'
import { describe, expect, it, onTestFinished } from 'vitest'
import { linkToken, portalLinkToken } from '../index'
import { caseInput, offerThenText } from '../engine/testing'
import { startStripeProtocolServer } from '../payments/testing/stripe-protocol-server'
import { DAY, LINK_SECRET, portalPathOf, startApi } from './testing'

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
    const { api } = await setup()
    // A step that offers a plan, a part and a promise: the plan's pages lie two levels below the overview.
    const offering = offerThenText(
      'offering',
      { payInPart: { minAmount: 20 }, plan: { minInstalment: 25, maxCount: 3, intervals: ['P1M'] }, promise: { maxDays: 14 } },
      'Pay, plan or promise: {{ links.portal }}',
    )
    await api.expectStatus(200, 'PUT', '/api/journeys/offering/draft', { body: offering })
    await api.expectStatus(201, 'POST', '/api/journeys/offering/publish')
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    const token = (await portalPathOf(api, 'c-1')).slice('/portal/'.length)
    const host = new Hono()
    host.route('/dunwell', api.app)
    const { pages } = await crawl(`http://localhost/dunwell/portal/${token}`, `http://localhost/dunwell/portal/${token}`, (url) => host.request(url))
    expect(pages.map((url) => url.slice(`http://localhost/dunwell/portal/${token}`.length))).toEqual(
      expect.arrayContaining(['', '/dispute', '/hardship', '/plan', '/preferences', '/promise', '/transfer']),
    )
    // Two levels below the overview (a plan's preview, asked by the plan page's form): still under the prefix.
    const planPage = `http://localhost/dunwell/portal/${token}/plan`
    const planHtml = await (await host.request(planPage)).text()
    const [, previewAction] = /<form method="get" action="([^"]+)"/.exec(planHtml)!
    const [, count] = /name="count" value="(\d+)"/.exec(planHtml) ?? [undefined, '3']
    const preview = new URL(previewAction!, planPage)
    preview.search = new URLSearchParams({ count: count!, interval: 'P1M', first: '2026-11-30' }).toString()
    expect(preview.pathname).toBe(`/dunwell/portal/${token}/plan/preview`)
    const previewed = await host.request(preview.href)
    expect(previewed.status).toBe(200)
    const previewHtml = await previewed.text()
    // Its links answer (the back link is the overview), and its form agrees the plan at the plan page.
    const links = [...previewHtml.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => new URL(match[1]!, preview.href).href)
    expect(links).toContain(`http://localhost/dunwell/portal/${token}`)
    for (const link of links) expect((await host.request(link)).status, link).toBe(200)
    const posts = [...previewHtml.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => new URL(match[1]!, preview.href).pathname)
    expect(posts).toEqual([`/dunwell/portal/${token}/plan`])
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

    // A dispute with a 3 MB document (over the API's 2 MB for JSON, within the portal's 5 MB): the portal's limit holds.
    const disputePage = `http://localhost/dunwell/portal/${token}/dispute`
    const disputeHtml = await (await host.request(disputePage)).text()
    const form = new FormData()
    for (const [, name, value] of disputeHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) form.set(name!, value!)
    form.set('reason', 'Paid already')
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')])
    form.set('document', new Blob([pdf], { type: 'application/pdf' }), 'receipt.pdf')
    const [, disputeAction] = /<form method="post" action="([^"]+)"/.exec(disputeHtml)!
    const disputed = await host.request(new URL(disputeAction!, disputePage).href, { method: 'POST', body: form })
    expect(disputed.status, await disputed.clone().text()).toBe(200)
    expect(await api.db.selectFrom('documents').select(['case_id', 'media_type']).execute()).toEqual([{ case_id: 'c-1', media_type: 'application/pdf' }])
  })
})
