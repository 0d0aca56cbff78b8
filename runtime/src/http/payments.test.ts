import { describe, expect, it, onTestFinished } from 'vitest'
import { portalLinkToken } from '../index'
import { caseInput, offerThenText } from '../engine/testing'
import { startStripeProtocolServer } from '../payments/testing/stripe-protocol-server'
import { DAY, LINK_SECRET, PUBLIC_URL, portalPathOf, snapshot, startApi, type TestApi } from './testing'

async function setup() {
  const stripe = await startStripeProtocolServer()
  onTestFinished(() => stripe.close())
  const api = await startApi({ payments: { provider: stripe.provider(), publicUrl: PUBLIC_URL } })
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  const token = (offers: ('partial' | 'plan')[] = []) =>
    portalLinkToken({ caseId: 'c-1', channel: 'sms', step: 'portal-sms/c-1/1/1', offers }, LINK_SECRET, api.clock.now() + DAY)
  return { api, stripe, token }
}

const form = (body: string) => ({ as: null, body, type: 'application/x-www-form-urlencoded' })
const events = (api: TestApi, type: string) => api.db.selectFrom('events').select(['key', 'case_id', 'data']).where('type', '=', type).execute()
const postWebhook = (api: TestApi, hook: { body: string; signature: string }) =>
  // As Stripe sends it: JSON in UTF-8, signed.
  api.request('POST', '/payments/stripe/webhook', {
    as: null,
    body: hook.body,
    type: 'application/json; charset=utf-8',
    headers: { 'stripe-signature': hook.signature },
  })
const detail = async (response: Response) => ((await response.json()) as { detail: string }).detail
const balance = async (api: TestApi) => (await api.expectStatus(200, 'GET', '/api/cases/c-1')).balance

describe('pay now through Stripe Checkout', () => {
  it('the portal’s form starts a checkout for what is open and redirects (303) to Stripe’s page', async () => {
    const { api, stripe, token } = await setup()
    const link = token()
    const response = await api.request('POST', `/portal/${link}/checkout`, form(''))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${stripe.checkoutOrigin}/c/pay/cs_test_1`)
    const [request] = stripe.seen
    expect(request!.method).toBe('POST')
    expect(request!.path).toBe('/v1/checkout/sessions')
    expect(Object.fromEntries(request!.form)).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '10000',
      'metadata[caseId]': 'c-1',
      'payment_intent_data[metadata][caseId]': 'c-1',
      success_url: `${PUBLIC_URL}/portal/${link}?checkout=done`,
      cancel_url: `${PUBLIC_URL}/portal/${link}?checkout=cancelled`,
    })
    // Starting a checkout is no payment.
    expect(await events(api, 'payment.received')).toEqual([])
  })

  it('the portal shows pay now as a form to the checkout (CSP lets it lead to Stripe), an amount field only when the link offers a part', async () => {
    const { api, stripe, token } = await setup()
    const full = token()
    const page = await api.request('GET', `/portal/${full}`, { as: null })
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy')!
    expect(csp).toContain(`form-action 'self' ${stripe.checkoutOrigin};`)
    expect(csp).not.toContain('script-src')
    const html = await page.text()
    expect(html).toMatch(
      new RegExp(
        `<form method="post" action="\\./${full}/checkout"><input type="hidden" name="submission" value="[\\w-]{16}"><input type="hidden" name="csrf" value="[\\w-]+"><p><button type="submit">Pay now</button>`,
      ),
    )
    expect(html).not.toContain('name="amount"')
    const part = await (await api.request('GET', `/portal/${token(['partial'])}`, { as: null })).text()
    expect(part).toMatch(/<label for="pay-amount">Amount to pay now \(EUR\)<\/label><input id="pay-amount" name="amount" [^>]*value="100.00"/)
  })

  it('back from Stripe the portal says calmly whether the payment went through, in the debtor’s language', async () => {
    const { api, token } = await setup()
    await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' } }) })
    const de = portalLinkToken({ caseId: 'c-de', channel: 'email' }, LINK_SECRET, api.clock.now() + DAY)
    const page = async (link: string, query: string) => (await api.request('GET', `/portal/${link}${query}`, { as: null })).text()
    expect(await page(token(), '?checkout=done')).toContain('<div class="note" role="status"><p><strong>Thank you for your payment</strong>')
    expect(await page(token(), '?checkout=cancelled')).toContain('<strong>The payment was not completed</strong></p><p>Nothing was charged.')
    expect(await page(de, '?checkout=done')).toContain('<strong>Vielen Dank für Ihre Zahlung</strong>')
    expect(await page(de, '?checkout=cancelled')).toContain('<strong>Die Zahlung wurde nicht abgeschlossen</strong>')
    for (const query of ['', '?checkout=paid', '?checkout=%3Cb%3E']) expect(await page(token(), query)).not.toContain('role="status"')
  })

  it('a part only when the link offers it, never more than is open, and only amounts', async () => {
    const { api, stripe, token } = await setup()
    const full = token()
    const partial = token(['partial'])
    for (const [link, amount, message] of [
      [full, '45,50', /does not offer paying in part/],
      [partial, '100.01', /at most what is open \(100 EUR\)/],
      [partial, '0', /more than 0/],
      [partial, '45.505', /more decimals than EUR/],
      [partial, 'ten', /is not an amount/],
      [partial, '1.234,50', /is not an amount/],
    ] as const) {
      const response = await api.request('POST', `/portal/${link}/checkout`, form(`amount=${encodeURIComponent(amount)}`))
      expect(response.status, amount).toBe(400)
      expect(await detail(response), amount).toMatch(message)
    }
    // Typed in the page: the debtor's browser gets a page saying what is allowed, in the debtor's language.
    await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' } }) })
    const german = portalLinkToken({ caseId: 'c-de', channel: 'email', offers: ['partial'] }, LINK_SECRET, api.clock.now() + DAY)
    const typed = await api.request('POST', `/portal/${german}/checkout`, { ...form('amount=zehn'), headers: { 'sec-fetch-mode': 'navigate' } })
    expect(typed.status).toBe(400)
    const html = await typed.text()
    expect(html).toContain('<title>Bitte prüfen Sie den Betrag</title>')
    expect(html).toContain('höchstens 100,00\u00a0€')
    const crossSite = await api.request('POST', `/portal/${full}/checkout`, { ...form(''), headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    expect(stripe.seen).toEqual([])
    const response = await api.request('POST', `/portal/${partial}/checkout`, form('amount=45%2C50'))
    expect(response.status).toBe(303)
    expect(stripe.seen[0]!.form.get('line_items[0][price_data][unit_amount]')).toBe('4550')
    expect((await api.request('POST', `/portal/${full}/checkout`, form('amount=100.00'))).status).toBe(303)
  })

  it('a double click or a retry of one form is one checkout at Stripe (same Idempotency-Key, same session); a new page is a new one', async () => {
    const { api, stripe, token } = await setup()
    const link = token(['partial'])
    const keyOf = async () => {
      const html = await (await api.request('GET', `/portal/${link}`, { as: null })).text()
      const [, submission] = /name="submission" value="([^"]+)"/.exec(html)!
      const [, csrf] = /name="csrf" value="([^"]+)"/.exec(html)!
      return `submission=${submission}&csrf=${encodeURIComponent(csrf!)}`
    }
    const first = await keyOf()
    const pay = async (body: string) => {
      const response = await api.request('POST', `/portal/${link}/checkout`, form(body))
      expect(response.status, body).toBe(303)
      return response.headers.get('location')
    }
    const twice = [await pay(`${first}&amount=40`), await pay(`${first}&amount=40`)]
    expect(twice).toEqual([`${stripe.checkoutOrigin}/c/pay/cs_test_1`, `${stripe.checkoutOrigin}/c/pay/cs_test_1`])
    expect(stripe.sessions.size).toBe(1)
    const [made, again] = stripe.seen
    expect(made!.idempotencyKey).toMatch(/^dunwell-checkout-[\w-]{32}$/)
    // Derived from the case, the amount and the submission: it names no case.
    expect(made!.idempotencyKey).not.toContain('c-1')
    expect(again).toMatchObject({ idempotencyKey: made!.idempotencyKey, replayed: true })
    // The same form with another amount (back, changed, sent again) is another request; so is a new page.
    expect(await pay(`${first}&amount=50`)).toBe(`${stripe.checkoutOrigin}/c/pay/cs_test_2`)
    expect(await pay(`${await keyOf()}&amount=40`)).toBe(`${stripe.checkoutOrigin}/c/pay/cs_test_3`)
    expect(new Set(stripe.seen.map((request) => request.idempotencyKey)).size).toBe(3)
    // A program posting without a form: one checkout per link and amount.
    const other = token()
    const bare = [await api.request('POST', `/portal/${other}/checkout`, form('')), await api.request('POST', `/portal/${other}/checkout`, form(''))]
    expect(bare.map((response) => response.headers.get('location'))).toEqual([
      `${stripe.checkoutOrigin}/c/pay/cs_test_4`,
      `${stripe.checkoutOrigin}/c/pay/cs_test_4`,
    ])
    // Another link's form key is refused, and Stripe is not asked.
    const seen = stripe.seen.length
    const foreign = await api.request('POST', `/portal/${other}/checkout`, form(first))
    expect(foreign.status).toBe(403)
    expect(await detail(foreign)).toMatch(/does not belong to this link/)
    expect(stripe.seen.length).toBe(seen)
  })

  it('the local Stripe server refuses a key used again with other parameters, as Stripe does', async () => {
    const stripe = await startStripeProtocolServer()
    onTestFinished(() => stripe.close())
    const provider = stripe.provider()
    const request = { caseId: 'c-1', amountMinor: 1000, currency: 'EUR', description: 'Payment for c-1', idempotencyKey: 'dunwell-checkout-same' }
    const urls = { success: 'https://example.com/ok', cancel: 'https://example.com/no' }
    expect(await provider.createCheckout(request, urls)).toBe(await provider.createCheckout(request, urls))
    await expect(provider.createCheckout({ ...request, amountMinor: 2000 }, urls)).rejects.toThrow(/same parameters they were first used with/)
    expect(stripe.sessions.size).toBe(1)
  })

  it('an offer step’s smallest part holds at the checkout and is named on the overview; paying everything is always allowed', async () => {
    const { api, stripe } = await setup()
    const offering = offerThenText('part-offer', { payInPart: { minAmount: 20 } }, 'Pay a part: {{ links.portal }}')
    await api.expectStatus(200, 'PUT', '/api/journeys/part-offer/draft', { body: offering })
    await api.expectStatus(201, 'POST', '/api/journeys/part-offer/publish')
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    const link = (await portalPathOf(api, 'c-1')).slice('/portal/'.length)
    const overview = await (await api.request('GET', `/portal/${link}`, { as: null })).text()
    expect(overview).toContain('You can pay in part: at least €20.00, or everything that is open.')
    const small = await api.request('POST', `/portal/${link}/checkout`, form('amount=19.99'))
    expect(small.status).toBe(400)
    expect(await detail(small)).toMatch(/at least 20 EUR \(the smallest part this link offers\) or what is open \(100 EUR\)/)
    const page = await api.request('POST', `/portal/${link}/checkout`, { ...form('amount=5'), headers: { 'sec-fetch-mode': 'navigate' } })
    expect(await page.text()).toContain('Enter an amount of at least €20.00 and at most €100.00.')
    expect(stripe.seen).toEqual([])
    expect((await api.request('POST', `/portal/${link}/checkout`, form('amount=20'))).status).toBe(303)
    expect((await api.request('POST', `/portal/${link}/checkout`, form(''))).status).toBe(303)
  })

  it('a provider that fails is a clear 502, and nothing is charged or stored', async () => {
    const { api, stripe } = await setup()
    await stripe.close()
    const token = portalLinkToken({ caseId: 'c-1', channel: 'sms' }, LINK_SECRET, api.clock.now() + DAY)
    const before = await snapshot(api)
    const response = await api.request('POST', `/portal/${token}/checkout`, form(''))
    expect(response.status).toBe(502)
    expect(await detail(response)).toMatch(/nothing was charged/)
    // The debtor's browser gets it as a page, in their language.
    const page = await api.request('POST', `/portal/${token}/checkout`, { ...form(''), headers: { 'sec-fetch-mode': 'navigate' } })
    expect(page.status).toBe(502)
    expect(await page.text()).toContain('<title>The payment could not be started</title>')
    expect(await snapshot(api)).toEqual(before)
  })
})

describe('the Stripe webhook', () => {
  it('a bad, missing or other secret’s signature is 400 and stores nothing', async () => {
    const { api, stripe, token } = await setup()
    await api.request('POST', `/portal/${token()}/checkout`, form(''))
    const good = stripe.sessionCompleted('cs_test_1')
    const before = await snapshot(api)
    const forged = stripe.webhook('checkout.session.completed', JSON.parse(good.body).data.object, {}, 'whsec_someone_else')
    for (const [body, signature] of [
      [good.body.replace('"amount_total":10000', '"amount_total":1'), good.signature],
      [forged.body, forged.signature],
      [good.body, 't=1,v1=00'],
    ] as const) {
      const response = await postWebhook(api, { body, signature })
      expect(response.status).toBe(400)
      expect(await detail(response)).toMatch(/signature/)
    }
    const missing = await api.request('POST', '/payments/stripe/webhook', { as: null, body: good.body })
    expect(missing.status).toBe(400)
    expect(await detail(missing)).toMatch(/Stripe-Signature header is missing/)
    // A body beyond the limit is not read at all.
    const huge = stripe.webhook('checkout.session.completed', { ...JSON.parse(good.body).data.object, padding: 'x'.repeat(3_000_000) })
    expect((await postWebhook(api, huge)).status).toBe(413)
    expect(await snapshot(api)).toEqual(before)
  })

  it('the session’s and the PaymentIntent’s confirmation, and any replay, are one payment.received', async () => {
    const { api, stripe, token } = await setup()
    await api.request('POST', `/portal/${token()}/checkout`, form(''))
    const completed = stripe.sessionCompleted('cs_test_1')
    const first = await postWebhook(api, completed)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ received: true, events: ['payment.received'] })
    expect((await postWebhook(api, completed)).status).toBe(200)
    const succeeded = stripe.webhook('payment_intent.succeeded', {
      id: 'pi_test_1',
      object: 'payment_intent',
      amount_received: 10000,
      currency: 'eur',
      metadata: { caseId: 'c-1' },
    })
    expect((await postWebhook(api, succeeded)).status).toBe(200)
    expect(await events(api, 'payment.received')).toEqual([
      {
        key: 'payment/stripe/pi_test_1',
        case_id: 'c-1',
        data: JSON.stringify({ amount: 100, provider: 'stripe', providerPaymentId: 'pi_test_1' }),
      },
    ])
    await api.advanceBy(60_000)
    expect(await balance(api)).toBe(0)
  })

  it('a session paid later (bank debit) waits for its confirmation; events Dunwell does not act on are acknowledged', async () => {
    const { api, stripe } = await setup()
    const unpaid = stripe.webhook('checkout.session.completed', {
      id: 'cs_x',
      object: 'checkout.session',
      payment_status: 'unpaid',
      amount_total: 10000,
      currency: 'eur',
      metadata: { caseId: 'c-1' },
      payment_intent: 'pi_x',
    })
    const response = await postWebhook(api, unpaid)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ events: [], ignored: expect.stringMatching(/confirmed later/) })
    const other = await postWebhook(api, stripe.webhook('customer.created', { id: 'cus_1', object: 'customer' }))
    expect(await other.json()).toMatchObject({ events: [], ignored: 'customer.created is not an event Dunwell acts on' })
    expect(await events(api, 'payment.received')).toEqual([])
  })

  it('a refund or a dispute becomes payment.reversed (once), its case found through the PaymentIntent', async () => {
    const { api, stripe, token } = await setup()
    await api.request('POST', `/portal/${token()}/checkout`, form(''))
    await postWebhook(api, stripe.sessionCompleted('cs_test_1'))
    await api.advanceBy(60_000)
    expect(await balance(api)).toBe(0)
    const charge = { id: 'ch_1', object: 'charge', payment_intent: 'pi_test_1', amount: 10000, currency: 'eur', metadata: {} }
    const refund = stripe.webhook('charge.refunded', { ...charge, amount_refunded: 3000 }, { previous_attributes: { amount_refunded: 0 } })
    expect(await (await postWebhook(api, refund)).json()).toEqual({ received: true, events: ['payment.reversed'] })
    await postWebhook(api, refund)
    const second = stripe.webhook('charge.refunded', { ...charge, amount_refunded: 5000 }, { previous_attributes: { amount_refunded: 3000 } })
    await postWebhook(api, second)
    await api.advanceBy(60_000)
    // Refunded 30 and then 20 more: the balance rises by each once, replay or not.
    expect(await balance(api)).toBe(50)
    const dispute = stripe.webhook('charge.dispute.created', {
      id: 'dp_1',
      object: 'dispute',
      amount: 5000,
      currency: 'eur',
      charge: 'ch_1',
      payment_intent: 'pi_test_1',
      reason: 'fraudulent',
      metadata: {},
    })
    await postWebhook(api, dispute)
    const reversed = await events(api, 'payment.reversed')
    expect(reversed.map((event) => [event.key, event.case_id, JSON.parse(event.data)])).toEqual([
      ['payment.reversed/stripe/ch_1/refunded/3000', 'c-1', { amount: 30, provider: 'stripe', providerPaymentId: 'pi_test_1', reason: 'refund' }],
      ['payment.reversed/stripe/ch_1/refunded/5000', 'c-1', { amount: 20, provider: 'stripe', providerPaymentId: 'pi_test_1', reason: 'refund' }],
      ['payment.reversed/stripe/dispute/dp_1', 'c-1', { amount: 50, provider: 'stripe', providerPaymentId: 'pi_test_1', reason: 'dispute: fraudulent' }],
    ])
    await api.advanceBy(60_000)
    expect(await balance(api)).toBe(100)
    expect(stripe.seen.filter((request) => request.path === '/v1/payment_intents/pi_test_1')).not.toHaveLength(0)
  })

  it('a payment for another currency or an unknown case is refused, and an unconfigured provider is 404', async () => {
    const { api, stripe } = await setup()
    const pay = (caseId: string, currency: string) =>
      stripe.webhook('payment_intent.succeeded', {
        id: `pi_${caseId}_${currency}`,
        object: 'payment_intent',
        amount_received: 500,
        currency,
        metadata: { caseId },
      })
    expect((await postWebhook(api, pay('c-1', 'usd'))).status).toBe(422)
    expect((await postWebhook(api, pay('nobody', 'eur'))).status).toBe(404)
    const hook = pay('c-1', 'eur')
    expect((await api.request('POST', '/payments/paypal/webhook', { as: null, body: hook.body, headers: { 'stripe-signature': hook.signature } })).status).toBe(
      404,
    )
    expect(await events(api, 'payment.received')).toEqual([])
  })
})
