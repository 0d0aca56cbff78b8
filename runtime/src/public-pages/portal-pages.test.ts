import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { portalLinkToken } from '../channels'
import { caseInput } from '../engine/testing'
import { LINK_SECRET, startApi, type TestApi } from '../http/testing'
import { TINY_PNG } from './testing'

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
const token = (caseId: string) => portalLinkToken({ caseId, channel: 'email' }, LINK_SECRET)
const hostileId = 'RE-"><script>alert(1)</script>'

async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/settings/creditor', {
    body: { name: 'Müller & Söhne <GmbH>', logo: TINY_PNG, primaryColor: '#7c2d12', bank: { iban: 'DE89370400440532013000' } },
  })
  await api.expectStatus(201, 'PUT', `/api/cases/${encodeURIComponent(hostileId)}`, {
    body: caseInput(hostileId, { debtor: { locale: 'de', firstName: '<img src=x onerror=alert(1)>' }, amountDue: 89.9, currency: 'EUR' }),
  })
  await api.expectStatus(201, 'PUT', '/api/cases/en-1', {
    body: caseInput('en-1', { debtor: { locale: 'en-GB' }, amountDue: 100, balance: 40, currency: 'GBP', attributes: { fees: 5 } }),
  })
  return api
}

const get = async (api: TestApi, path: string) => {
  const response = await api.app.request(path)
  return { status: response.status, headers: response.headers, html: await response.text() }
}

/** A form of a page as the browser would post it: its hidden fields plus `fields`. */
async function post(api: TestApi, page: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const html = (await get(api, page)).html
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]))
  const body = new URLSearchParams({ ...hidden, ...fields }).toString()
  const response = await api.app.request(action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } })
  return { status: response.status, html: await response.text() }
}

/** Events a form made: opening the portal's pages records `link.opened` (once a day), which no form is. */
const eventCount = async (api: TestApi) => (await api.db.selectFrom('events').select('id').where('type', '!=', 'link.opened').execute()).length

describe('portal pages', () => {
  it('escape hostile case data and creditor settings everywhere, and are valid HTML in German and English', async () => {
    const api = await setup()
    const base = `/portal/${token(hostileId)}`
    for (const path of [
      base,
      `${base}/transfer`,
      `${base}/promise`,
      `${base}/dispute`,
      `${base}/hardship`,
      `${base}/preferences`,
      `/portal/${token('en-1')}`,
    ]) {
      const page = await get(api, path)
      expect(page.status, path).toBe(200)
      expect(page.html, path).not.toContain('<script>')
      expect(page.html, path).not.toContain('<img src=x')
      expect(page.html, path).not.toContain('<GmbH>')
      const report = await validator.validateString(page.html)
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
        path,
      ).toEqual([])
      // The creditor's colour is a second inline style, named by its hash; still no inline script of any kind.
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+' 'sha256-[^']+'; img-src data:;/)
    }
    const overview = await get(api, base)
    expect(overview.html).toContain('<html lang="de">')
    expect(overview.html).toContain('Ihre offene Rechnung bei Müller &amp; Söhne &lt;GmbH&gt;')
    expect(overview.html).toContain('RE-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(overview.html).toContain('Guten Tag &lt;img src=x onerror=alert(1)&gt;,')
    // No payment provider wired: no pay-now form, and forms lead nowhere but here.
    expect(overview.html).not.toContain('/checkout')
    expect(overview.headers.get('content-security-policy')).toContain("form-action 'self';")
    const english = await get(api, `/portal/${token('en-1')}`)
    expect(english.html).toContain('<html lang="en">')
    // Invoice 100 plus fees 5, 40 open: 65 paid so far.
    expect(english.html).toMatch(/Fees<\/dt><dd>£5\.00/)
    expect(english.html).toMatch(/Paid so far<\/dt><dd>£65\.00/)
    // No GiroCode for pounds (EPC069-12 is for euro transfers); the account is still shown.
    const transfer = await get(api, `/portal/${token('en-1')}/transfer`)
    expect(transfer.html).toContain('DE89 3704 0044 0532 0130 00')
    expect(transfer.html).not.toContain('<svg')
  })

  it('a promise outside the window or above the balance is refused on the page and stores nothing', async () => {
    const api = await setup()
    const base = `/portal/${token('en-1')}`
    const before = await eventCount(api)
    const tooMuch = await post(api, `${base}/promise`, `${base}/promise`, { date: '2026-11-30', amount: '40.01' })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.html).toContain('Please enter an amount greater than zero and at most £40.00.')
    expect(tooMuch.html).toContain('value="40.01"')
    const tooLate = await post(api, `${base}/promise`, `${base}/promise`, { date: '2026-12-08', amount: '40' })
    expect(tooLate.html).toContain('Please choose a date from 23 November 2026 to 7 December 2026.')
    const past = await post(api, `${base}/promise`, `${base}/promise`, { date: '2026-11-22', amount: '40' })
    expect(past.status).toBe(400)
    // No such day, though it sorts inside the window.
    expect((await post(api, `${base}/promise`, `${base}/promise`, { date: '2026-11-31', amount: '40' })).status).toBe(400)
    expect(await eventCount(api)).toBe(before)
    const good = await post(api, `${base}/promise`, `${base}/promise`, { date: '2026-12-07', amount: '12,5' })
    expect(good.html).toContain('We have noted that you will pay £12.50 on 7 December 2026.')
    expect(await eventCount(api)).toBe(before + 1)
  })

  it('the overview shows the plan being kept (what is paid, what is next) and the promise, and offers no second one', async () => {
    const api = await setup()
    const base = `/portal/${token('en-1')}`
    const before = await get(api, base)
    expect(before.html).toContain('Promise a payment date')
    // £40 open in two instalments; £25 paid: the first in full, £5 of the second.
    const plan = {
      instalments: [
        { dueDate: '2026-12-01', amount: 20 },
        { dueDate: '2027-01-01', amount: 20 },
      ],
      interval: 'P1M',
    }
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'plan', type: 'plan.agreed', caseId: 'en-1', data: plan } })
    await api.advanceBy(60_000)
    // A transfer is asked for the instalment due next, not the whole balance (which may still be paid at once).
    const transfer = await get(api, `${base}/transfer`)
    expect(transfer.html).toMatch(/Next instalment<\/dt><dd class="total">£20\.00/)
    expect(transfer.html).toContain('You may also pay the whole balance of £40.00 at once.')
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'pay', type: 'payment.received', caseId: 'en-1', data: { amount: 25 } } })
    await api.advanceBy(60_000)
    const overview = await get(api, base)
    expect(overview.html).toContain('<h2 id="arrangement-title">Your instalment plan</h2>')
    expect(overview.html).toContain('Next instalment: £15.00 by 1 January 2027.')
    expect(overview.html).toMatch(/1 December 2026<\/time><\/td><td class="amount">£20\.00<\/td><td>Paid<\/td>/)
    expect(overview.html).toMatch(/1 January 2027<\/time><\/td><td class="amount">£20\.00<\/td><td>Open \(£5\.00 paid\)<\/td>/)
    expect(overview.html).not.toContain('Promise a payment date')
    const report = await validator.validateString(overview.html)
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([])

    // In German, a promise: what was promised, by when.
    const german = `/portal/${token(hostileId)}`
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'promise', type: 'promise.made', caseId: hostileId, data: { amount: 50, date: '2026-12-04' } },
    })
    await api.advanceBy(60_000)
    const promised = await get(api, german)
    expect(promised.html).toContain('Ihre Zahlungszusage')
    expect(promised.html).toMatch(/Sie haben uns zugesagt, 50,00\s€ bis zum 4\. Dezember 2026 zu zahlen\./)
    expect(promised.html).not.toContain('/promise"')
  })

  it('refuses, changing nothing: a form posted cross-site, without its key, of another type, or too large', async () => {
    const api = await setup()
    const base = `/portal/${token('en-1')}`
    const before = await eventCount(api)
    const crossSite = await post(api, `${base}/hardship`, `${base}/hardship`, {}, { 'sec-fetch-site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    expect(crossSite.html).toContain('This form could not be sent')
    const forged = await api.app.request(`${base}/hardship`, {
      method: 'POST',
      body: 'submission=AAAAAAAAAAAAAAAA&csrf=AAAAAAAAAAAAAAAAAAAAAA',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(forged.status).toBe(403)
    const asText = await api.app.request(`${base}/hardship`, { method: 'POST', body: 'note=x', headers: { 'content-type': 'text/plain' } })
    expect(asText.status).toBe(415)
    const big = new FormData()
    big.set('reason', 'x')
    big.set('document', new Blob([new Uint8Array(5 * 1024 * 1024 + 100 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const tooLarge = await api.app.request(`${base}/dispute`, { method: 'POST', body: big })
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.text()).toContain('A document may be at most 5 MB.')
    const preferences = await post(api, `${base}/preferences`, `${base}/preferences`, { channel: 'pigeon' })
    expect(preferences.status).toBe(400)
    expect(await eventCount(api)).toBe(before)
    expect(await api.db.selectFrom('tasks').selectAll().execute()).toEqual([])
  })

  it('the same form sent twice is one event and one task', async () => {
    const api = await setup()
    const base = `/portal/${token('en-1')}`
    const html = (await get(api, `${base}/hardship`)).html
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]))
    for (let i = 0; i < 2; i++) {
      const response = await api.app.request(`${base}/hardship`, {
        method: 'POST',
        body: new URLSearchParams({ ...hidden, note: 'twice' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(response.status).toBe(200)
    }
    expect((await api.db.selectFrom('events').select('type').where('type', '=', 'hardship.reported').execute()).length).toBe(1)
    expect((await api.db.selectFrom('tasks').select('queue').execute()).map((t) => t.queue)).toEqual(['care'])
  })

  it('what the debtor gave goes with the case when it is erased; a document is only the case’s own', async () => {
    const api = await setup()
    const base = `/portal/${token('en-1')}`
    const html = (await get(api, `${base}/dispute`)).html
    const form = new FormData()
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) form.set(name!, value!)
    form.set('reason', 'Paid already')
    form.set('document', new Blob([Buffer.from('\xff\xd8\xff\xe0 a photo', 'latin1')], { type: 'text/html' }), 'receipt.html')
    expect((await api.app.request(`${base}/dispute`, { method: 'POST', body: form })).status).toBe(200)
    const [document] = await api.db.selectFrom('documents').selectAll().execute()
    // The type is the bytes' (a JPEG), not what the browser or the file name claimed.
    expect(document).toMatchObject({ case_id: 'en-1', media_type: 'image/jpeg' })
    await api.expectStatus(404, 'GET', `/api/cases/${encodeURIComponent(hostileId)}/documents/${document!.id}`)
    const download = await api.request('GET', `/api/cases/en-1/documents/${document!.id}`)
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${document!.id}.jpg"`)
    expect((await post(api, `${base}/preferences`, `${base}/preferences`, { locale: 'de' })).html).toContain('Ihre Einstellungen sind gespeichert')
    await api.expectStatus(200, 'DELETE', '/api/cases/en-1')
    expect(await api.db.selectFrom('documents').selectAll().execute()).toEqual([])
    expect(await api.db.selectFrom('debtor_preferences').selectAll().execute()).toEqual([])
  })
})
