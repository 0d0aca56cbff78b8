import type { Hono } from 'hono'
import QRCode from 'qrcode'
import { portalUrl } from '../../channels'
import { getCase } from '../../engine/cases-admin'
import { girocodePayload } from '../../public-pages/girocode'
import { amountDueNow, readActiveArrangement } from '../../public-pages/portal-arrangement'
import { partPayment, readLinkOffer } from '../../public-pages/portal-offer'
import { type CheckoutReturn, messagePage, overviewPage, transferPage } from '../../public-pages/portal-pages'
import { checkoutIdempotencyKey } from '../../payments/checkout-key'
import type { PaymentProviderEvent } from '../../payments/payment-provider'
import { fromMinorUnits, toMinorUnits } from '../../wire/money'
import type { AppEnv, AppOptions } from '../app-types'
import { problem } from '../problem'
import { verifyPortalLink } from './open-link'
import { portalFormRoutes } from './portal-forms'
import { portalPlanRoutes } from './portal-plan'
import { formKeys, type LoadedPortal, loadPortal, payNow, portalPage } from './portal-load'

export { portalBodyLimit } from './portal-load'

/**
 * The GiroCode as inline SVG: error correction M, as EPC069-12 asks (it survives a smudged or creased printout and
 * keeps the code small enough for a phone's camera at arm's length).
 */
async function girocodeSvg(loaded: LoadedPortal): Promise<string | undefined> {
  const { found, bank } = loaded
  const amountCents = amountDueNow(found)
  if (!bank || found.currency !== 'EUR' || amountCents <= 0) return undefined
  const payload = girocodePayload({ name: bank.holder, iban: bank.iban, bic: bank.bic, amountCents, reference: found.reference })
  if (!payload.ok) return undefined
  return QRCode.toString(payload.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
}

type PortalText = LoadedPortal['view']['text']

/** An amount as a person types it: `45.50`, `45,50`, `1.234,50` is refused (one separator, for decimals only). */
function parseAmount(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^\d{1,12}([.,]\d{1,3})?$/.test(trimmed)) return undefined
  return Number(trimmed.replace(',', '.'))
}

/** The event a provider's confirmed payment or reversal becomes; its id makes a replayed webhook one event. */
function eventOf(provider: string, event: PaymentProviderEvent) {
  const amount = fromMinorUnits(event.amountMinor, event.currency)
  return event.type === 'payment.received'
    ? {
        id: `payment/${provider}/${event.providerPaymentId}`,
        type: event.type,
        caseId: event.caseId,
        data: { amount, provider, providerPaymentId: event.providerPaymentId },
      }
    : {
        id: `payment.reversed/${provider}/${event.reversalId}`,
        type: event.type,
        caseId: event.caseId,
        data: { amount, provider, providerPaymentId: event.providerPaymentId, reason: event.reason },
      }
}

/**
 * The debtor's self-service portal at `/portal/<token>`: what is owed, and every way to settle, promise, dispute or say
 * they can't pay; its pay-now form starts the provider's checkout; the provider's webhook makes the payment.
 */
export function portalRoutes(app: Hono<AppEnv>, options: AppOptions): void {
  app.get('/portal/:token', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    const pay = payNow(options, loaded)
    const checkout = c.req.query('checkout')
    const back: CheckoutReturn | undefined = checkout === 'done' || checkout === 'cancelled' ? checkout : undefined
    const targets = pay ? [options.payments!.provider.checkoutOrigin] : []
    return portalPage(c, loaded, overviewPage(loaded.view, loaded.found, loaded.offer, pay, back), 200, targets)
  })

  app.get('/portal/:token/transfer', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    return portalPage(c, loaded, transferPage(loaded.view, loaded.found, loaded.bank, await girocodeSvg(loaded)))
  })

  portalFormRoutes(app, options)
  portalPlanRoutes(app, options)

  // The portal's "pay now" form: the amount (full, or part when the step offers it) → 303 to the provider's page.
  app.post('/portal/:token/checkout', async (c) => {
    const link = await verifyPortalLink(c, options)
    if (link instanceof Response) return link
    // As the portal's other forms: only its own page starts a payment, never another site's form.
    if (c.req.header('sec-fetch-site') === 'cross-site') return problem(c, 403, 'the pay-now form was sent from another site')
    const payments = options.payments
    if (!payments) return problem(c, 404, 'no payment provider is configured: pay by bank transfer')
    const found = await getCase(options.db, link.caseId)
    if (!found) return problem(c, 404, 'the case of this link does not exist')
    // The debtor's browser (a form submitted in the page) gets a page in their language; a program the problem.
    const refuse = async (status: 400 | 409 | 502, detail: string, say: (text: PortalText) => [string, string], extra = {}) => {
      if (c.req.header('sec-fetch-mode') !== 'navigate') return problem(c, status, detail, extra)
      const loaded = await loadPortal(c, options)
      if (loaded instanceof Response) return loaded
      const [title, body] = say(loaded.view.text)
      return portalPage(c, loaded, messagePage(loaded.view, title, body), status)
    }
    const balanceMinor = toMinorUnits(found.balance, found.currency)
    if (typeof balanceMinor === 'string' || balanceMinor <= 0)
      return refuse(409, 'nothing is open on this case', ({ t }) => [t.portal.nothingOpenTitle, t.portal.nothingOpenBody])
    const most = (text: PortalText): [string, string] => [
      text.t.portal.checkoutAmountTitle,
      text.t.portal.checkoutAmountBody(text.money(fromMinorUnits(balanceMinor, found.currency), found.currency)),
    ]
    const form = await c.req.parseBody()
    // The page's form carries its key: a wrong one is another page's, refused; a program without one is one per link.
    const keyed = form.submission !== undefined || form.csrf !== undefined
    if (keyed && !formKeys.check(options, link.token, form)) return problem(c, 403, 'the pay-now form does not belong to this link: open the page again')
    const typed = typeof form.amount === 'string' && form.amount.trim() !== '' ? form.amount : undefined
    let amountMinor = balanceMinor
    if (typed !== undefined) {
      const amount = parseAmount(typed)
      const minor = amount === undefined ? 'is not an amount' : toMinorUnits(amount, found.currency)
      if (typeof minor === 'string') return refuse(400, `amount: ${minor}`, most, { errors: [{ path: 'amount', message: minor }] })
      amountMinor = minor
    }
    const offer = await readLinkOffer(options.db, link, found.currency, options.engine.clock.now())
    const { partial, minPart } = partPayment(offer, (await readActiveArrangement(options.db, link.caseId)) !== undefined)
    const least = minPart !== undefined && minPart < balanceMinor ? minPart : undefined
    const open = `${fromMinorUnits(balanceMinor, found.currency)} ${found.currency}`
    const wrong =
      amountMinor > balanceMinor
        ? `must be at most what is open (${open})`
        : amountMinor <= 0
          ? 'must be more than 0'
          : !partial && amountMinor !== balanceMinor
            ? `must be what is open (${open}): this link does not offer paying in part`
            : least !== undefined && amountMinor < least && amountMinor !== balanceMinor
              ? `must be at least ${fromMinorUnits(least, found.currency)} ${found.currency} (the smallest part this link offers) or what is open (${open})`
              : undefined
    const range = (text: PortalText): [string, string] =>
      least === undefined
        ? most(text)
        : [
            text.t.portal.checkoutAmountTitle,
            text.t.portal.checkoutAmountRangeBody(
              text.money(fromMinorUnits(least, found.currency), found.currency),
              text.money(fromMinorUnits(balanceMinor, found.currency), found.currency),
            ),
          ]
    if (wrong) return refuse(400, `amount: ${wrong}`, range, { errors: [{ path: 'amount', message: wrong }] })
    const back = portalUrl(payments.publicUrl, link.token)
    let redirect: string
    try {
      redirect = await payments.provider.createCheckout(
        {
          caseId: link.caseId,
          amountMinor,
          currency: found.currency,
          ...(found.debtor.locale ? { language: found.debtor.locale } : {}),
          description: found.debtor.locale?.startsWith('de') ? `Zahlung zu ${link.caseId}` : `Payment for ${link.caseId}`,
          idempotencyKey: checkoutIdempotencyKey({
            caseId: link.caseId,
            amountMinor,
            currency: found.currency,
            submission: keyed ? String(form.submission) : `link:${link.token}`,
          }),
        },
        { success: `${back}?checkout=done`, cancel: `${back}?checkout=cancelled` },
      )
    } catch (error) {
      console.error(`dunwell: ${payments.provider.name} checkout failed: ${error instanceof Error ? error.message : String(error)}`)
      return refuse(502, `${payments.provider.name} did not start the payment; nothing was charged, please try again`, ({ t }) => [
        t.portal.checkoutFailedTitle,
        t.portal.checkoutFailedBody,
      ])
    }
    return c.redirect(redirect, 303)
  })

  // Unauthenticated by key, authenticated by the provider's signature over the raw body (bounded like every body).
  app.post('/payments/:provider/webhook', async (c) => {
    const provider = options.payments?.provider
    if (!provider || provider.name !== c.req.param('provider')) return problem(c, 404, `no payment provider "${c.req.param('provider')}" is configured`)
    const verified = await provider.verifyWebhook(Buffer.from(await c.req.arrayBuffer()), c.req.raw.headers)
    if (!verified.ok) return problem(c, 400, verified.error)
    for (const event of verified.events) {
      const row = await options.db.selectFrom('cases').select(['currency', 'erased_at']).where('id', '=', event.caseId).executeTakeFirst()
      if (!row) return problem(c, 404, `no case "${event.caseId}"`)
      if (row.erased_at !== null) return problem(c, 410, `the case "${event.caseId}" was erased`)
      if (row.currency !== event.currency) return problem(c, 422, `the payment is in ${event.currency}, the case in ${row.currency}`)
      const [refused] = (await options.engine.ingest([eventOf(provider.name, event)], 'runtime')).errors
      if (refused) return problem(c, 422, refused.message)
    }
    return c.json(
      { received: true as const, events: verified.events.map((event) => event.type), ...(verified.ignored ? { ignored: verified.ignored } : {}) },
      200,
    )
  })
}
