import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { portalLinkToken } from '../channels'
import { caseInput, offerThenText } from '../engine/testing'
import { DAY, LINK_SECRET, portalPathOf, snapshot, startApi, type TestApi } from '../http/testing'

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })

/** entry → offer (plan and promise, for 7 days) → SMS with the portal link → exit. */
const offering = offerThenText(
  'plan-offer',
  {
    plan: { minInstalment: 40, maxCount: 6, intervals: ['P1M', 'P2W'], bands: [{ upTo: 100, maxCount: 3, minInstalment: 10 }] },
    promise: { maxDays: 10 },
    validFor: 'P7D',
  },
  { en: 'Pay or plan: {{ links.portal }}', de: 'Zahlen oder in Raten: {{ links.portal }}' },
)

/** Two debtors with the offer's link: a German one owing 89,90 € (the band: at most 3 instalments) and an English one owing €150. */
async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/plan-offer/draft', { body: offering })
  await api.expectStatus(201, 'POST', '/api/journeys/plan-offer/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' }, amountDue: 89.9 }) })
  await api.expectStatus(201, 'PUT', '/api/cases/c-en', { body: caseInput('c-en', { debtor: { locale: 'en-GB' }, amountDue: 150 }) })
  for (const id of ['c-de', 'c-en']) await api.expectStatus(202, 'POST', '/api/events', { body: { id: `overdue-${id}`, type: 'invoice.overdue', caseId: id } })
  await api.advanceBy(60_000)
  return { api, de: await portalPathOf(api, 'c-de'), en: await portalPathOf(api, 'c-en') }
}

const get = async (api: TestApi, path: string) => {
  const response = await api.app.request(path)
  return { status: response.status, html: await response.text() }
}

const hiddenOf = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]))

const postForm = async (api: TestApi, action: string, fields: Record<string, string>) => {
  const response = await api.app.request(action, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  return { status: response.status, html: await response.text() }
}

const agreed = async (api: TestApi) =>
  (await api.db.selectFrom('events').select(['key', 'case_id', 'data']).where('type', '=', 'plan.agreed').execute()).map((e) => ({
    ...e,
    data: JSON.parse(e.data),
  }))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

async function valid(html: string) {
  const report = await validator.validateString(html)
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))
}

describe('the plan page', () => {
  it('lists the counts the rules allow, previews the exact schedule, and agreeing stores plan.agreed once: the case shows the plan', async () => {
    const { api, de } = await setup()
    const overview = await get(api, de)
    expect(text(overview.html)).toContain('In Raten zahlen Verteilen Sie den offenen Betrag auf bis zu 3 Raten')
    // The offer's promise window: 10 days.
    expect(text(overview.html)).toContain('innerhalb der nächsten 10 Tage')
    expect((await get(api, `${de}/promise`)).html).toContain('max="2026-12-03"')

    const choose = await get(api, `${de}/plan`)
    expect(choose.status).toBe(200)
    expect(await valid(choose.html)).toEqual([])
    // 89,90 € falls in the band up to 100 €: 2 or 3 instalments, monthly or fortnightly, the first within 14 days.
    expect([...choose.html.matchAll(/<option value="(\w+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['2', '2 Raten zu je etwa 44,95\u00a0€'],
      ['3', '3 Raten zu je etwa 29,96\u00a0€'],
      ['P1M', 'Jeden Monat'],
      ['P2W', 'Alle zwei Wochen'],
    ])
    expect(choose.html).toContain('min="2026-11-23" max="2026-12-07"')
    // Relative to the page, so that it stays under any prefix the portal is reached by.
    expect(choose.html).toContain(`<form method="get" action="..${de.slice('/portal'.length)}/plan/preview">`)

    const preview = await get(api, `${de}/plan/preview?count=3&interval=P1M&first=2026-11-30`)
    expect(preview.status).toBe(200)
    expect(await valid(preview.html)).toEqual([])
    // Exact in cents: the last instalment takes what rounding left.
    expect(text(preview.html)).toContain('1 30. November 2026 29,96 € 2 30. Dezember 2026 29,96 € 3 30. Januar 2027 29,98 € Summe 89,90 €')
    const fields = hiddenOf(preview.html)
    expect(fields).toMatchObject({ count: '3', interval: 'P1M', first: '2026-11-30' })
    const before = await snapshot(api)
    // Previewing changed nothing.
    expect(await agreed(api)).toEqual([])

    const done = await postForm(api, `${de}/plan`, fields)
    expect(done.status).toBe(200)
    expect(done.html).toContain('<title>Danke: Ihr Ratenplan ist vereinbart</title>')
    expect(text(done.html)).toContain('30. Januar 2027 29,98 €')
    // Sent twice (a double tap, a reload): one submission, one event.
    await postForm(api, `${de}/plan`, fields)
    expect(await agreed(api)).toEqual([
      {
        key: `portal/plan/${fields.submission}`,
        case_id: 'c-de',
        data: {
          instalments: [
            { dueDate: '2026-11-30', amount: 29.96 },
            { dueDate: '2026-12-30', amount: 29.96 },
            { dueDate: '2027-01-30', amount: 29.98 },
          ],
          interval: 'P1M',
          via: 'portal',
        },
      },
    ])
    expect((await snapshot(api)).events!.length).toBe(before.events!.length + 1)
    await api.advanceBy(60_000)
    const found = await api.expectStatus(200, 'GET', '/api/cases/c-de')
    expect(found.plans).toMatchObject([
      {
        status: 'active',
        interval: 'P1M',
        total: 89.9,
        via: 'portal',
        instalments: [
          { number: 1, dueDate: '2026-11-30', amount: 29.96, status: 'open' },
          { number: 2, dueDate: '2026-12-30', amount: 29.96 },
          { number: 3, dueDate: '2027-01-30', amount: 29.98 },
        ],
      },
    ])
  })

  it('refuses a count, interval or first date the offer does not allow with a page naming what is allowed, and changes nothing', async () => {
    const { api, de, en } = await setup()
    await get(api, de)
    await get(api, en)
    const before = await snapshot(api)
    const refusals: [string, string, string][] = [
      [de, 'count=4&interval=P1M&first=2026-11-30', 'Bei diesem Betrag sind höchstens 3 Raten möglich.'],
      [de, 'count=1&interval=P1M&first=2026-11-30', 'Bitte wählen Sie 2 oder 3 Raten.'],
      [de, 'count=drei&interval=P1M&first=2026-11-30', 'Bitte wählen Sie 2 oder 3 Raten.'],
      [de, 'count=3&interval=P1W&first=2026-11-30', 'Bitte wählen Sie, wie oft: jeden Monat oder alle zwei Wochen.'],
      [de, 'count=3&interval=P1M&first=2026-12-08', 'Bitte wählen Sie ein Datum vom 23. November 2026 bis zum 7. Dezember 2026.'],
      // €150 is above the band: the rules' own limits, at least €40 an instalment and at most 6.
      [en, 'count=4&interval=P2W&first=2026-11-30', 'Each instalment must be at least €40.00: please choose fewer instalments.'],
      [en, 'count=7&interval=P3D&first=yesterday', 'Please choose a date from 23 November 2026 to 7 December 2026.'],
    ]
    for (const [base, query, message] of refusals) {
      const page = await get(api, `${base}/plan/preview?${query}`)
      expect(page.status, query).toBe(400)
      expect(page.html, query).toContain(message)
      expect(await valid(page.html), query).toEqual([])
    }
    const many = await get(api, `${en}/plan/preview?count=7&interval=P3D&first=yesterday`)
    expect(text(many.html)).toContain('Please choose how often: every month or every two weeks.')
    expect(text(many.html)).toContain('For this amount, at most 6 instalments are possible.')
    // The choices are shown again, as sent where they can be.
    const again = await get(api, `${de}/plan/preview?count=3&interval=P1M&first=2026-12-08`)
    expect(again.html).toContain('<option value="3" selected>')
    expect(again.html).toContain('value="2026-12-08"')
    // The field at fault is the one marked, for a screen reader.
    expect(again.html).toMatch(/id="first"[^>]*aria-invalid="true"/)
    expect(again.html).not.toMatch(/id="count"[^>]*aria-invalid/)

    // A confirmation forged past the preview is checked the same way.
    const preview = await get(api, `${de}/plan/preview?count=3&interval=P1M&first=2026-11-30`)
    const forged = await postForm(api, `${de}/plan`, { ...hiddenOf(preview.html), count: '12' })
    expect(forged.status).toBe(400)
    expect(forged.html).toContain('höchstens 3 Raten')
    expect(await snapshot(api)).toEqual(before)
  })

  it('another case’s form key is refused, and so is a form without one', async () => {
    const { api, de, en } = await setup()
    const other = hiddenOf((await get(api, `${en}/plan/preview?count=3&interval=P1M&first=2026-11-30`)).html)
    await get(api, de)
    const before = await snapshot(api)
    const refused = await postForm(api, `${de}/plan`, other)
    expect(refused.status).toBe(403)
    expect(refused.html).toContain('<title>Dieses Formular konnte nicht gesendet werden</title>')
    const { submission: _, csrf: __, ...bare } = other
    expect((await postForm(api, `${de}/plan`, bare)).status).toBe(403)
    expect(await snapshot(api)).toEqual(before)
  })

  it('a link without a plan offer has no plan page, whatever its flags say, and the overview lists none', async () => {
    const { api } = await setup()
    const plain = `/portal/${portalLinkToken({ caseId: 'c-de', channel: 'sms' }, LINK_SECRET, api.clock.now() + DAY)}`
    // Flags without a stored offer (no step): no rules, so no plan.
    const flagged = `/portal/${portalLinkToken({ caseId: 'c-de', channel: 'sms', offers: ['plan'] }, LINK_SECRET, api.clock.now() + DAY)}`
    for (const base of [plain, flagged]) {
      expect((await get(api, base)).html).not.toContain('/plan"')
      const before = await snapshot(api)
      for (const path of [`${base}/plan`, `${base}/plan/preview?count=3&interval=P1M&first=2026-11-30`]) {
        const page = await get(api, path)
        expect(page.status, path).toBe(404)
        expect(page.html).toContain('<title>Hier gibt es keinen Ratenplan</title>')
      }
      const posted = await postForm(api, `${base}/plan`, { count: '3', interval: 'P1M', first: '2026-11-30' })
      expect(posted.status).toBe(404)
      expect(await snapshot(api)).toEqual(before)
    }
  })

  it('an offer that ended: the plan page says so, a preview agreed before is refused, and nothing is stored', async () => {
    const { api, de, en } = await setup()
    const fields = hiddenOf((await get(api, `${de}/plan/preview?count=3&interval=P1M&first=2026-11-30`)).html)
    await api.advanceBy(7 * DAY)
    await get(api, de)
    await get(api, en)
    const before = await snapshot(api)
    const ended = await get(api, `${de}/plan`)
    expect(ended.status).toBe(410)
    expect(ended.html).toContain('<title>Dieses Angebot ist abgelaufen</title>')
    expect((await get(api, `${en}/plan`)).html).toContain('<title>This offer has ended</title>')
    expect((await postForm(api, `${de}/plan`, fields)).status).toBe(410)
    // The overview no longer lists it; the promise falls back to the default window.
    const overview = await get(api, de)
    expect(overview.status).toBe(200)
    expect(overview.html).not.toContain('In Raten zahlen')
    expect(overview.html).not.toContain('innerhalb der nächsten')
    expect(await agreed(api)).toEqual([])
    expect(await snapshot(api)).toEqual(before)
  })

  it('erasing the case removes what was offered', async () => {
    const { api } = await setup()
    expect(await api.db.selectFrom('offers').select('case_id').orderBy('case_id').execute()).toEqual([{ case_id: 'c-de' }, { case_id: 'c-en' }])
    await api.expectStatus(200, 'DELETE', '/api/cases/c-de')
    expect(await api.db.selectFrom('offers').select('case_id').execute()).toEqual([{ case_id: 'c-en' }])
  })
})
