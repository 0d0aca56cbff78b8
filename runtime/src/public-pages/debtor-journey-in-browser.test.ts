// The debtor's way through a journey, as a debtor lives it: a journey published through the API sends a real email
// (received by an SMTP server on loopback), the link in it is opened in Chromium on a phone, the debtor acts in the
// portal, the virtual clock moves, and what the journey did is read back through the API.
import { serve } from '@hono/node-server'
import { decodeHTML } from 'entities'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { createHttpProviderAdapter, createSmtpAdapter } from '../channels'
import { closedPort, type ReceivedMail, startHttpServer, startSmtpServer } from '../channels/testing/local-servers'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import { DAY, MONDAY, SMS_SECRET, snapshot, startApi, type TestApi } from '../http/testing'
import { startStripeProtocolServer } from '../payments/testing/stripe-protocol-server'
import { decodeHeader, parseRawEmail, partOf } from '../testing'
import { checkPhonePage, launchChromium, PHONE_USER_AGENT, phoneTab, TINY_PNG } from './testing'

/** Where the screenshots go, to be looked at (one per page the debtor sees). */
const shots = process.env.DEBTOR_SHOTS ?? '/tmp/debtor-shots'
/** A small PDF a viewer opens: a receipt, as a debtor would attach it. */
const receipt = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

// ---------------------------------------------------------------------------------------------------------------
// The journeys a manager publishes, each with an email that carries the debtor's portal link.

const invite = emailTemplate(
  {
    en: 'Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is still open. <a href="{{ links.portal }}">See your options</a>',
    de: 'Guten Tag{% if debtor.firstName %} {{ debtor.firstName }}{% endif %}, {{ case.balance | money }} sind noch offen. <a href="{{ links.portal }}">Ihre Möglichkeiten</a>',
  },
  { en: 'Your open invoice', de: 'Ihre offene Rechnung' },
)
const bilingual = { locales: ['en', 'de'], defaultLocale: 'en' }

/** An email with the portal link, a week's wait, a reminder: the goal (nothing open) ends it `paid` wherever it is. */
const reminder = journey({
  id: 'portal-reminder',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    invite: ['email', { template: 'invite' }],
    week: ['wait', { for: 'P7D' }],
    again: ['email', { template: 'again' }],
    done: ['exit', { outcome: 'no-response' }],
  },
  edges: ['start>invite', 'invite>week', 'week>again', 'again>done'],
  settings: bilingual,
  templates: {
    invite,
    again: emailTemplate(
      {
        en: 'A reminder: {{ case.balance | money }} is open. <a href="{{ links.portal }}">Your options</a>',
        de: 'Zur Erinnerung: {{ case.balance | money }} sind offen. <a href="{{ links.portal }}">Ihre Möglichkeiten</a>',
      },
      { en: 'A reminder', de: 'Eine Erinnerung' },
    ),
  },
})

/** The email, then a wait for a promise or plan: kept ends `promised`, broken sends a kind email and ends `broken-promise`. */
const promiseJourney = journey({
  id: 'promise-or-plan',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    invite: ['email', { template: 'invite' }],
    arrangement: ['await-arrangement', { timeout: 'P14D' }],
    kept: ['exit', { outcome: 'promised' }],
    broken: ['email', { template: 'broken' }],
    brokenEnd: ['exit', { outcome: 'broken-promise' }],
    none: ['exit', { outcome: 'no-response' }],
  },
  edges: ['start>invite', 'invite>arrangement', 'arrangement:kept>kept', 'arrangement:broken>broken', 'broken>brokenEnd', 'arrangement:none>none'],
  settings: bilingual,
  templates: {
    invite,
    broken: emailTemplate(
      {
        en: 'The payment we agreed has not arrived. That can happen: <a href="{{ links.portal }}">choose a new date</a>.',
        de: 'Die vereinbarte Zahlung ist noch nicht angekommen. Das kann passieren: <a href="{{ links.portal }}">Wählen Sie einen neuen Termin</a>.',
      },
      { en: 'About the payment we agreed', de: 'Zu Ihrer Zahlungszusage' },
    ),
  },
})

/** The promise journey with an offer first: its email's link offers paying in part and a plan of up to 6 monthly instalments. */
const planJourney = {
  ...promiseJourney,
  id: 'plan-offered',
  nodes: [
    ...promiseJourney.nodes.slice(0, 1),
    {
      id: 'offer',
      type: 'offer',
      position: { x: 300, y: 0 },
      data: { payInPart: {}, plan: { minInstalment: 20, maxCount: 6, intervals: ['P1M'] }, validFor: 'P120D' },
    },
    ...promiseJourney.nodes.slice(1),
  ],
  edges: [{ id: 'offer-in', source: 'start', target: 'offer' }, { id: 'offer-out', source: 'offer', target: 'invite' }, ...promiseJourney.edges.slice(1)],
}

/** The email, three days, then the next message by the channel the debtor prefers (README: journeys route by it). */
const channelJourney = journey({
  id: 'by-preferred-channel',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    invite: ['email', { template: 'invite' }],
    days: ['wait', { for: 'P3D' }],
    route: ['segment', { branches: [{ id: 'sms', label: 'Prefers SMS', when: 'has(debtor.preferredChannel) && debtor.preferredChannel == "sms"' }] }],
    text: ['sms', { template: 'nudge-sms' }],
    mail: ['email', { template: 'nudge-email' }],
    textEnd: ['exit', { outcome: 'reminded' }],
    mailEnd: ['exit', { outcome: 'reminded' }],
  },
  edges: ['start>invite', 'invite>days', 'days>route', 'route:sms>text', 'route:else>mail', 'text>textEnd', 'mail>mailEnd'],
  settings: bilingual,
  templates: {
    invite,
    'nudge-sms': textTemplate('sms', {
      en: '{{ case.balance | money }} is still open: {{ links.portal }}',
      de: '{{ case.balance | money }} sind noch offen: {{ links.portal }}',
    }),
    'nudge-email': emailTemplate(
      { en: 'Still open: {{ case.balance | money }}.', de: 'Noch offen: {{ case.balance | money }}.' },
      { en: 'Still open', de: 'Noch offen' },
    ),
  },
})

// ---------------------------------------------------------------------------------------------------------------
// The world around the runtime: SMTP and an SMS provider on loopback, the app served on a real port that the links
// in messages name, one Chromium for the file.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

interface WorldOptions {
  journeys: unknown[]
  payments?: boolean
}

async function world({ journeys, payments }: WorldOptions) {
  const smtp = await startSmtpServer()
  const smsProvider = await startHttpServer((_request, index) => ({ status: 202, body: JSON.stringify({ id: `sms-${index + 1}` }) }))
  const email = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'rechnung@stadtwerke.test' })
  const sms = createHttpProviderAdapter({ url: smsProvider.url, secret: SMS_SECRET, channel: 'sms' })
  const stripe = payments ? await startStripeProtocolServer() : undefined
  // The port is chosen first, so that the links the engine writes into messages lead to this very server.
  const port = await closedPort()
  const origin = `http://127.0.0.1:${port}`
  const api = await startApi({
    publicUrl: origin,
    channels: { email, sms },
    ...(stripe ? { payments: { provider: stripe.provider(), publicUrl: origin } } : {}),
  })
  const server = serve({ fetch: api.app.fetch, port, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  onTestFinished(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    email.close()
    await Promise.all([smtp.close(), smsProvider.close(), stripe?.close()])
  })
  await api.expectStatus(200, 'PUT', '/api/settings/creditor', {
    body: { name: 'Stadtwerke Musterstadt', logo: TINY_PNG, primaryColor: '#0b5cad', bank: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } },
  })
  for (const document of journeys as { id: string }[]) {
    expect(await api.expectStatus(200, 'PUT', `/api/journeys/${document.id}/draft`, { body: document })).toEqual({ valid: true, diagnostics: [] })
    await api.expectStatus(201, 'POST', `/api/journeys/${document.id}/publish`, { body: { note: 'e2e' } })
  }
  return { api, origin, smtp, smsProvider, stripe }
}

/** A case, entered into `journeyId` by its event; resolves with the email it received (waits for that state). */
async function overdueCase(
  w: Awaited<ReturnType<typeof world>>,
  id: string,
  journeyId: string,
  options: Parameters<typeof caseInput>[1] = {},
): Promise<ReceivedMail> {
  await w.api.expectStatus(201, 'PUT', `/api/cases/${id}`, { body: caseInput(id, options) })
  const before = w.smtp.mails.length
  await w.api.expectStatus(202, 'POST', '/api/events', { body: { id: `overdue-${id}`, type: 'invoice.overdue', caseId: id, data: {} } })
  await w.api.advanceBy(60_000)
  const mail = await vi.waitFor(() => w.smtp.mails[before] ?? Promise.reject(new Error(`no email for ${id} yet`)), { timeout: 10_000 })
  expect((await caseView(w.api, id)).enrolments).toMatchObject([{ journeyId, status: 'active' }])
  return mail
}

/** The provider's signed webhook for a paid checkout session, posted to the server as the provider does; its status. */
async function confirmCheckout(w: Awaited<ReturnType<typeof world>>, sessionId: string): Promise<number> {
  const hook = w.stripe!.sessionCompleted(sessionId)
  const answer = await fetch(`${w.origin}/payments/stripe/webhook`, {
    method: 'POST',
    body: hook.body,
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': hook.signature },
  })
  return answer.status
}

/** What a mail client shows: subject, text, and the portal link behind the HTML part's button (also in the text part). */
function read(mail: ReceivedMail, origin: string) {
  const parsed = parseRawEmail(mail.raw)
  const html = partOf(parsed, 'text/html')!.body
  const text = partOf(parsed, 'text/plain')!.body
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => decodeHTML(match[1]!))
  const portal = links.find((link) => link.startsWith(`${origin}/portal/`))
  if (!portal) throw new Error(`no portal link in the email: ${links.join(', ')}`)
  expect(text).toContain(portal)
  return { to: mail.to, subject: decodeHeader(parsed.headers.get('subject') ?? ''), text, portal }
}

interface CaseView {
  balance: number
  enrolments: { journeyId: string; status: string; outcome: string | null; node: string }[]
  holds: { kind: string }[]
  promises: { status: string; date: string; amount: number; via: string | null }[]
  plans: unknown[]
}
const caseView = (api: TestApi, id: string) => api.expectStatus<CaseView>(200, 'GET', `/api/cases/${id}`)
const eventTypes = async (api: TestApi, id: string) =>
  (await api.expectStatus<{ kind: string; detail: { type?: string } }[]>(200, 'GET', `/api/cases/${id}/timeline`))
    .filter((entry) => entry.kind === 'event')
    .map((entry) => entry.detail.type)
/** The case's messages, oldest first. */
const messagesOf = async (api: TestApi, id: string) =>
  (
    await api.expectStatus<{ id: string; channel: string; status: string; createdAt: string }[]>(200, 'GET', `/api/messages?caseId=${encodeURIComponent(id)}`)
  ).sort((a, b) => a.createdAt.localeCompare(b.createdAt))

/** A person's phone in `locale` (its opening of a link counts), with what it requested and what the page's CSP refused. */
async function phone(locale: string) {
  const opened = await phoneTab(browser, locale, { userAgent: PHONE_USER_AGENT })
  onTestFinished(opened.close)
  return opened
}

/** Every page of ours: requests nothing but itself, has no axe violations, fits a 360 px phone; a screenshot to look at. */
const check = (tab: Page, origin: string, name: string, requests: string[]) => checkPhonePage(tab, { origin, name, requests, folder: shots })

// ---------------------------------------------------------------------------------------------------------------

describe('a debtor’s way through a journey, from a real email, in Chromium on a phone', () => {
  it('a. pays in full through the provider (checkout, signed webhook): payment.received, and the journey exits paid (English)', async () => {
    const w = await world({ journeys: [reminder], payments: true })
    const { api, origin, stripe } = w
    const mail = read(
      await overdueCase(w, 'INV-2026-0107', 'portal-reminder', { debtor: { locale: 'en-GB', firstName: 'Sam', email: 'sam@example.org' } }),
      origin,
    )
    expect(mail).toMatchObject({ to: ['sam@example.org'], subject: 'Your open invoice' })
    expect(mail.text).toContain('Hello Sam, €100.00 is still open.')

    const { tab, requests, cspViolations } = await phone('en-GB')
    await tab.goto(mail.portal)
    expect(await tab.title()).toBe('Your open invoice with Stadtwerke Musterstadt')
    expect(await tab.textContent('.total')).toBe('€100.00')
    await check(tab, origin, 'a1-overview-en', requests)
    await tab.getByRole('button', { name: 'Pay now' }).click()
    // The provider's hosted checkout: the link's page asked it for what is open, in cents, for this case.
    await tab.waitForURL(`${stripe!.checkoutOrigin}/c/pay/cs_test_1`)
    requests.length = 0
    const session = stripe!.seen.find((request) => request.path === '/v1/checkout/sessions')!
    expect(session.form.get('line_items[0][price_data][unit_amount]')).toBe('10000')
    expect(session.form.get('metadata[caseId]')).toBe('INV-2026-0107')
    expect((await caseView(api, 'INV-2026-0107')).balance).toBe(100) // starting a checkout is no payment
    await tab.screenshot({ path: `${shots}/a2-provider-checkout.png`, fullPage: true })

    // The provider confirms through its signed webhook, twice as providers do: one payment.
    for (let i = 0; i < 2; i++) expect(await confirmCheckout(w, 'cs_test_1')).toBe(200)
    await api.advanceBy(60_000)
    const paid = await caseView(api, 'INV-2026-0107')
    expect(paid.balance).toBe(0)
    expect(paid.enrolments).toMatchObject([{ journeyId: 'portal-reminder', status: 'done', outcome: 'paid' }])
    // Opening the email's link was recorded (a person, probably), then the one payment.
    expect((await eventTypes(api, 'INV-2026-0107')).filter((type) => type === 'link.opened' || type === 'payment.received')).toEqual([
      'link.opened',
      'payment.received',
    ])

    // Back from the provider: thanks, and nothing open any more; a week later no reminder comes.
    await tab.getByRole('link', { name: 'Back after paying' }).click()
    await tab.waitForURL(`${mail.portal}?checkout=done`)
    // Confirmed already: the page thanks, and does not say it is still waiting for the provider.
    expect(await tab.textContent('[role=status]')).toBe('Thank you for your payment')
    expect(await tab.textContent('.total')).toBe('€0.00')
    await check(tab, origin, 'a3-paid-en', requests)
    await api.advanceBy(8 * DAY)
    expect(w.smtp.mails).toHaveLength(1)
    expect(cspViolations).toEqual([])
  })

  it('b. a German debtor promises a date and breaks it: promise.broken, and the journey’s broken branch sends its email (Deutsch)', async () => {
    const w = await world({ journeys: [promiseJourney] })
    const { api, origin } = w
    const mail = read(await overdueCase(w, 'RE-2026-0042', 'promise-or-plan', { debtor: { locale: 'de-DE', firstName: 'Anna' }, amountDue: 89.9 }), origin)
    expect(mail.subject).toBe('Ihre offene Rechnung')
    expect(mail.text).toContain('Guten Tag Anna, 89,90 € sind noch offen.')

    const { tab, requests, cspViolations } = await phone('de-DE')
    await tab.goto(mail.portal)
    expect(await tab.title()).toBe('Ihre offene Rechnung bei Stadtwerke Musterstadt')
    await check(tab, origin, 'b1-overview-de', requests)
    await tab.getByRole('link', { name: /^Zahlungstermin zusagen/ }).click()
    expect(await tab.title()).toBe('Zahlungstermin zusagen')
    await check(tab, origin, 'b2-promise-de', requests)
    // Wednesday, in two days: the whole amount.
    await tab.fill('#date', '2026-11-25')
    expect(await tab.inputValue('#amount')).toBe('89,90')
    await tab.getByRole('button', { name: 'Zahlung zusagen' }).click()
    expect(await tab.title()).toBe('Danke für Ihre Zusage')
    expect(await tab.textContent('main')).toContain('25. November 2026')
    await check(tab, origin, 'b3-promise-done-de', requests)
    await api.advanceBy(60_000)
    expect((await caseView(api, 'RE-2026-0042')).promises).toMatchObject([{ status: 'active', date: '2026-11-25', amount: 89.9, via: 'portal' }])

    // Nothing is paid. The grace days (3) pass at the end of Saturday 28 November in Berlin; Sunday is no contact day.
    await api.advanceTo('2026-11-28T22:00:00Z')
    expect((await caseView(api, 'RE-2026-0042')).promises).toMatchObject([{ status: 'active' }])
    await api.advanceTo('2026-11-30T09:00:00Z')
    const broken = await caseView(api, 'RE-2026-0042')
    expect(broken.promises).toMatchObject([{ status: 'broken' }])
    expect(await eventTypes(api, 'RE-2026-0042')).toContain('promise.broken')
    expect(broken.enrolments).toMatchObject([{ journeyId: 'promise-or-plan', status: 'done', outcome: 'broken-promise' }])
    const second = read(await vi.waitFor(() => w.smtp.mails[1] ?? Promise.reject(new Error('no second email'))), origin)
    expect(second.subject).toBe('Zu Ihrer Zahlungszusage')
    expect(second.text).toContain('Die vereinbarte Zahlung ist noch nicht angekommen.')
    // Its link opens the portal again, with the same amount open.
    await tab.goto(second.portal)
    expect(await tab.textContent('.total')).toBe('89,90\u00a0€')
    await check(tab, origin, 'b4-after-broken-de', requests)
    expect(cspViolations).toEqual([])
  })

  it('c. disputes with a PDF: the case is held, a task opened, the document kept as an attachment, no reminder (English)', async () => {
    const w = await world({ journeys: [reminder] })
    const { api, origin } = w
    const mail = read(await overdueCase(w, 'INV-2026-0211', 'portal-reminder', { debtor: { locale: 'en', firstName: 'Sam' } }), origin)

    const { tab, requests, cspViolations } = await phone('en-GB')
    await tab.goto(mail.portal)
    await tab.getByRole('link', { name: /^I disagree with this invoice/ }).click()
    expect(await tab.title()).toBe('I disagree with this invoice')
    await check(tab, origin, 'c1-dispute-en', requests)
    await tab.fill('#reason', 'I paid this in cash on 3 November; the receipt is attached.')
    await tab.setInputFiles('#document', { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: receipt })
    await tab.getByRole('button', { name: 'Send' }).click()
    expect(await tab.title()).toBe('Thank you, we will check it')
    await check(tab, origin, 'c2-dispute-done-en', requests)
    await api.advanceBy(60_000)

    const held = await caseView(api, 'INV-2026-0211')
    expect(held.holds).toMatchObject([{ kind: 'dispute' }])
    expect(held.enrolments).toMatchObject([{ journeyId: 'portal-reminder', status: 'paused' }])
    const tasks = await api.expectStatus<{ caseId: string; queue: string; status: string }[]>(200, 'GET', '/api/tasks?queue=disputes')
    expect(tasks).toMatchObject([{ caseId: 'INV-2026-0211', queue: 'disputes', status: 'open' }])
    const timeline = await api.expectStatus<{ kind: string; detail: { type?: string; data?: { documentId?: string } } }[]>(
      200,
      'GET',
      '/api/cases/INV-2026-0211/timeline',
    )
    const documentId = timeline.find((entry) => entry.detail.type === 'dispute.opened')?.detail.data?.documentId
    expect(documentId).toMatch(/^doc_/)
    const download = await api.request('GET', `/api/cases/INV-2026-0211/documents/${documentId}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /)
    expect(Buffer.from(await download.arrayBuffer()).equals(receipt)).toBe(true)

    // The overview says it is being looked into; the week's reminder does not come while the case is held.
    await tab.goto(mail.portal)
    expect(await tab.textContent('.note')).toContain('We are looking into what you told us.')
    await check(tab, origin, 'c3-overview-held-en', requests)
    await api.advanceBy(8 * DAY)
    expect(w.smtp.mails).toHaveLength(1)
    expect((await messagesOf(api, 'INV-2026-0211')).map((m) => m.channel)).toEqual(['email'])
    expect(cspViolations).toEqual([])
  })

  it('d. changes the preferred channel to SMS: the journey’s next message goes by SMS (Deutsch)', async () => {
    const w = await world({ journeys: [channelJourney] })
    const { api, origin, smsProvider } = w
    const mail = read(
      await overdueCase(w, 'RE-2026-0077', 'by-preferred-channel', { debtor: { locale: 'de-DE', firstName: 'Jonas', phone: '+4915112345678' } }),
      origin,
    )

    const { tab, requests, cspViolations } = await phone('de-DE')
    await tab.goto(mail.portal)
    await tab.getByRole('link', { name: /^Wie wir Sie erreichen/ }).click()
    expect(await tab.title()).toBe('Wie wir Sie erreichen')
    await check(tab, origin, 'd1-preferences-de', requests)
    await tab.selectOption('#channel', 'sms')
    await tab.getByRole('button', { name: 'Speichern' }).click()
    expect(await tab.title()).toBe('Ihre Einstellungen sind gespeichert')
    await check(tab, origin, 'd2-preferences-done-de', requests)

    await api.advanceBy(3 * DAY + 60_000)
    const sent = await vi.waitFor(() => smsProvider.requests[0] ?? Promise.reject(new Error('no SMS yet')), { timeout: 10_000 })
    const text = JSON.parse(sent.body) as { to: string; text: string }
    expect(text.to).toBe('+4915112345678')
    expect(text.text).toMatch(/^100,00\s€ sind noch offen: http:\/\/127\.0\.0\.1:\d+\/portal\/\S+/)
    expect(text.text).toContain(`${origin}/portal/`)
    expect(w.smtp.mails).toHaveLength(1)
    expect((await messagesOf(api, 'RE-2026-0077')).map((m) => [m.channel, m.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ])
    expect((await caseView(api, 'RE-2026-0077')).enrolments).toMatchObject([{ status: 'done', outcome: 'reminded', node: 'textEnd' }])
    // The SMS's link opens the portal, in German.
    await tab.goto(/(http\S+)/.exec(text.text)![1]!)
    expect(await tab.title()).toBe('Ihre offene Rechnung bei Stadtwerke Musterstadt')
    expect(cspViolations).toEqual([])
  })

  it('e. a tampered link, another case’s form key and an expired link get a clear page in the debtor’s language, and change nothing', async () => {
    const w = await world({ journeys: [reminder] })
    const { api, origin } = w
    const german = read(await overdueCase(w, 'RE-2026-0300', 'portal-reminder', { debtor: { locale: 'de-DE', email: 'anna@example.org' } }), origin)
    const english = read(await overdueCase(w, 'INV-2026-0301', 'portal-reminder', { debtor: { locale: 'en-GB', email: 'sam@example.org' } }), origin)
    const { tab, requests, cspViolations } = await phone('de-DE')
    // The debtor of the English case opens its promise form (opening is recorded; nothing after it may be).
    await tab.goto(`${english.portal}/promise`)
    const unchanged = await snapshot(api)

    // A link with one character changed: not valid, in the browser's language (a bad link names no debtor).
    const token = german.portal.split('/').at(-1)!
    const tampered = `${origin}/portal/${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`
    const response = await tab.goto(tampered)
    expect(response?.status()).toBe(404)
    expect(await tab.title()).toBe('Dieser Link ist nicht gültig')
    expect(await tab.textContent('main')).not.toMatch(/RE-2026|€/)
    await check(tab, origin, 'e1-tampered-de', requests)

    // The English case's form sent to the German case's link: its key is not this link's, refused in the case's language.
    await tab.goto(`${english.portal}/promise`)
    await tab.evaluate(`document.querySelector('form').action = ${JSON.stringify(`${german.portal}/promise`)}`)
    await tab.getByRole('button', { name: 'Promise this payment' }).click()
    expect(await tab.title()).toBe('Dieses Formular konnte nicht gesendet werden')
    await check(tab, origin, 'e2-other-case-form-de', requests)
    expect(await snapshot(api)).toEqual(unchanged)

    // The English debtor leaves the promise form open past the links' 120 days; then sends it: expired, nothing stored.
    await tab.goto(`${english.portal}/promise`)
    await api.advanceTo(MONDAY.getTime() + 120 * DAY + 60_000)
    const later = await snapshot(api)
    await tab.getByRole('button', { name: 'Promise this payment' }).click()
    expect(await tab.title()).toBe('This link has expired')
    expect(await tab.textContent('main')).not.toMatch(/INV-2026|€/)
    await check(tab, origin, 'e3-expired-form-en', requests)
    const expired = await tab.goto(german.portal)
    expect(expired?.status()).toBe(410)
    expect(await tab.title()).toBe('Dieser Link ist abgelaufen')
    await check(tab, origin, 'e4-expired-de', requests)
    expect(await snapshot(api)).toEqual(later)
    expect((await caseView(api, 'INV-2026-0301')).promises).toEqual([])
    expect(cspViolations).toEqual([])
  })

  it('f. picks a 3-instalment plan on the portal, pays two through the provider, misses the third: plan.instalment.missed, plan.broken, the broken branch (English)', async () => {
    const w = await world({ journeys: [planJourney], payments: true })
    const { api, origin, stripe } = w
    const id = 'INV-2026-0500'
    const mail = read(await overdueCase(w, id, 'plan-offered', { debtor: { locale: 'en-GB', firstName: 'Sam' }, amountDue: 300 }), origin)
    const { tab, requests, cspViolations } = await phone('en-GB')

    // The email's link offers the plan: 3 monthly instalments from 1 December, seen as a schedule, then agreed.
    await tab.goto(mail.portal)
    await check(tab, origin, 'f1-overview-offer-en', requests)
    await tab.getByRole('link', { name: /^Pay in instalments/ }).click()
    await check(tab, origin, 'f2-plan-en', requests)
    await tab.selectOption('#count', '3')
    await tab.selectOption('#interval', 'P1M')
    await tab.fill('#first', '2026-12-01')
    await tab.getByRole('button', { name: 'Show the plan' }).click()
    expect((await tab.textContent('tbody'))!.replace(/\s+/g, ' ')).toBe('11 December 2026€100.0021 January 2027€100.0031 February 2027€100.00')
    expect(await tab.textContent('tfoot')).toContain('€300.00')
    await check(tab, origin, 'f3-plan-preview-en', requests)
    await tab.getByRole('button', { name: 'Agree to this plan' }).click()
    expect(await tab.title()).toBe('Thank you: your instalment plan is agreed')
    await check(tab, origin, 'f4-plan-done-en', requests)
    await api.advanceBy(60_000)
    expect((await caseView(api, id)).plans).toMatchObject([{ status: 'active', total: 300, paid: 0, via: 'portal' }])

    // Each instalment paid in part through the provider, from the same link: checkout, then its signed webhook.
    let session = 0
    const payInstalment = async (at: string) => {
      await api.advanceTo(at)
      await tab.goto(mail.portal)
      await tab.fill('#pay-amount', '100.00')
      await tab.getByRole('button', { name: 'Pay now' }).click()
      await tab.waitForURL(`${stripe!.checkoutOrigin}/c/pay/cs_test_${++session}`)
      requests.length = 0
      expect(await confirmCheckout(w, `cs_test_${session}`)).toBe(200)
      await api.advanceBy(60_000)
      await tab.getByRole('link', { name: 'Back after paying' }).click()
    }
    await payInstalment('2026-12-01T10:00:00Z')
    await payInstalment('2027-01-03T10:00:00Z') // two days late, within the grace days
    expect(await tab.textContent('.total')).toBe('€100.00')
    await check(tab, origin, 'f5-two-paid-en', requests)
    // The third instalment's grace days (3) end with 4 February in Berlin: until then nothing is missed.
    await api.advanceTo('2027-02-04T22:00:00Z')
    const before = await caseView(api, id)
    expect(before.plans).toMatchObject([{ status: 'active', paid: 200, instalments: [{ status: 'paid' }, { status: 'paid' }, { status: 'open' }] }])
    expect(before.enrolments).toMatchObject([{ status: 'active', node: 'arrangement' }])
    expect(w.smtp.mails).toHaveLength(1)

    await api.advanceTo('2027-02-05T09:00:00Z')
    const after = await caseView(api, id)
    expect(after.plans).toMatchObject([{ status: 'broken', instalments: [{ status: 'paid' }, { status: 'paid' }, { status: 'missed' }] }])
    expect((await eventTypes(api, id)).filter((type) => type === 'payment.received' || type?.startsWith('plan.'))).toEqual([
      'plan.agreed',
      'payment.received',
      'plan.instalment.paid',
      'payment.received',
      'plan.instalment.paid',
      'plan.instalment.missed',
      'plan.broken',
    ])
    expect(after.enrolments).toMatchObject([{ journeyId: 'plan-offered', status: 'done', outcome: 'broken-promise' }])
    const second = read(await vi.waitFor(() => w.smtp.mails[1] ?? Promise.reject(new Error('no second email')), { timeout: 10_000 }), origin)
    expect(second.subject).toBe('About the payment we agreed')
    await tab.goto(second.portal)
    expect(await tab.textContent('.total')).toBe('€100.00')
    await check(tab, origin, 'f6-after-plan-broken-en', requests)
    expect(cspViolations).toEqual([])
  })
})
