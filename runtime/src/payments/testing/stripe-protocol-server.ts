/**
 * A local HTTP server speaking the part of Stripe's API the Stripe adapter calls (form-encoded requests, JSON
 * answers, Bearer key), and signed webhooks as Stripe sends them: for tests, never in production.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { createStripeProvider } from '../stripe-provider'

export const TEST_STRIPE_KEY = 'sk_test_dunwell_local'
export const TEST_WEBHOOK_SECRET = 'whsec_dunwell_local_signing_secret'

export interface SeenRequest {
  method: string
  path: string
  form: URLSearchParams
  authorization: string | undefined
  /** The `Idempotency-Key` header the client sent, if any. */
  idempotencyKey: string | undefined
  /** Whether this server answered it from an earlier request with the same key (`Idempotent-Replayed: true`). */
  replayed: boolean
}

/** What a key's first request was and got, kept as Stripe keeps it (for 24 hours there; for the server's life here). */
interface Remembered {
  method: string
  path: string
  body: string
  status: number
  answer: unknown
}

interface Session {
  id: string
  paymentIntent: string
  caseId: string
  amount: number
  currency: string
  successUrl: string
  cancelUrl: string
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startStripeProtocolServer() {
  const seen: SeenRequest[] = []
  const sessions = new Map<string, Session>()
  const intents = new Map<string, { id: string; object: 'payment_intent'; metadata: Record<string, string> }>()
  let count = 0
  const keys = new Map<string, Remembered>()
  /** This server's own address: it hosts the checkout page too, as Stripe hosts it at checkout.stripe.com. */
  let origin = ''
  const error = (status: number, message: string) => ({ status, body: { error: { type: 'invalid_request_error', message } } })

  function answer(request: SeenRequest): { status: number; body: unknown } {
    if (request.authorization !== `Bearer ${TEST_STRIPE_KEY}`)
      return { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } } }
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') {
      const { form } = request
      const amount = Number(form.get('line_items[0][price_data][unit_amount]'))
      const currency = form.get('line_items[0][price_data][currency]')
      const caseId = form.get('metadata[caseId]')
      if (form.get('mode') !== 'payment' || !Number.isInteger(amount) || !currency || !caseId || !form.get('success_url'))
        return error(400, 'mode, line_items, metadata and success_url are needed')
      count++
      const session: Session = {
        id: `cs_test_${count}`,
        paymentIntent: `pi_test_${count}`,
        caseId,
        amount,
        currency,
        successUrl: form.get('success_url')!,
        cancelUrl: form.get('cancel_url') ?? form.get('success_url')!,
      }
      sessions.set(session.id, session)
      intents.set(session.paymentIntent, {
        id: session.paymentIntent,
        object: 'payment_intent',
        metadata: { caseId: form.get('payment_intent_data[metadata][caseId]') ?? '' },
      })
      return {
        status: 200,
        body: {
          id: session.id,
          object: 'checkout.session',
          mode: 'payment',
          status: 'open',
          payment_status: 'unpaid',
          amount_total: amount,
          currency,
          client_reference_id: form.get('client_reference_id'),
          metadata: { caseId },
          payment_intent: null,
          url: `${origin}/c/pay/${session.id}`,
        },
      }
    }
    const intent = /^\/v1\/payment_intents\/([^/]+)$/.exec(request.path)
    if (request.method === 'GET' && intent) {
      const found = intents.get(decodeURIComponent(intent[1]!))
      return found ? { status: 200, body: found } : error(404, `No such payment_intent: '${intent[1]}'`)
    }
    return error(404, `Unrecognized request URL (${request.method}: ${request.path})`)
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const text = await bodyOf(request)
    // The hosted checkout page a debtor is sent to: the way back to the portal, paid or not (the webhook pays).
    const page = /^\/c\/pay\/([^/]+)$/.exec(url.pathname)
    const hosted = request.method === 'GET' && page ? sessions.get(decodeURIComponent(page[1]!)) : undefined
    if (hosted) {
      const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(
        `<!doctype html><html lang="en"><title>Checkout</title><h1>Pay ${hosted.amount} ${hosted.currency}</h1>` +
          `<a href="${attribute(hosted.successUrl)}">Back after paying</a> <a href="${attribute(hosted.cancelUrl)}">Cancel</a></html>`,
      )
      return
    }
    const key = request.headers['idempotency-key']
    const idempotencyKey = typeof key === 'string' ? key : undefined
    const seenRequest: SeenRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      form: new URLSearchParams(request.method === 'GET' ? url.search : text),
      authorization: request.headers.authorization,
      idempotencyKey,
      replayed: false,
    }
    seen.push(seenRequest)
    const headers = { 'content-type': 'application/json', 'request-id': `req_${seen.length}` }
    // Stripe's idempotent requests: a key seen before with the same request gets the same answer, replayed; with
    // other parameters it is an error. Requests refused before they ran (bad key, invalid parameters) are not kept.
    const remembered = idempotencyKey && seenRequest.method === 'POST' ? keys.get(`${request.headers.authorization}\u0000${idempotencyKey}`) : undefined
    if (remembered) {
      if (remembered.method !== seenRequest.method || remembered.path !== seenRequest.path || remembered.body !== text) {
        response.writeHead(400, headers)
        response.end(
          JSON.stringify({
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          }),
        )
        return
      }
      seenRequest.replayed = true
      response.writeHead(remembered.status, { ...headers, 'idempotent-replayed': 'true' })
      response.end(JSON.stringify(remembered.answer))
      return
    }
    const { status, body } = answer(seenRequest)
    if (idempotencyKey && seenRequest.method === 'POST' && status !== 400 && status !== 401) {
      keys.set(`${request.headers.authorization}\u0000${idempotencyKey}`, {
        method: seenRequest.method,
        path: seenRequest.path,
        body: text,
        status,
        answer: body,
      })
    }
    response.writeHead(status, headers)
    response.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  const signer = new Stripe(TEST_STRIPE_KEY)
  let events = 0

  /** A webhook as Stripe sends it: the event's JSON and its `Stripe-Signature` header (now, with the secret). */
  function webhook(type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}, secret = TEST_WEBHOOK_SECRET) {
    events++
    const body = JSON.stringify({ id: `evt_test_${events}`, object: 'event', type, api_version: '2025-01-01', created: 1, data: { object, ...extra } })
    return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) }
  }

  return {
    port,
    /** Where this server's checkout pages are (`${checkoutOrigin}/c/pay/<session>`). */
    checkoutOrigin: origin,
    seen,
    sessions,
    /** The adapter, pointed at this server. */
    provider: () =>
      createStripeProvider({
        secretKey: TEST_STRIPE_KEY,
        webhookSecret: TEST_WEBHOOK_SECRET,
        host: '127.0.0.1',
        port,
        protocol: 'http',
        checkoutOrigin: origin,
      }),
    webhook,
    /** `checkout.session.completed` for a session this server made, paid. */
    sessionCompleted(sessionId: string) {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`no session ${sessionId}`)
      return webhook('checkout.session.completed', {
        id: session.id,
        object: 'checkout.session',
        payment_status: 'paid',
        status: 'complete',
        amount_total: session.amount,
        currency: session.currency,
        client_reference_id: session.caseId,
        metadata: { caseId: session.caseId },
        payment_intent: session.paymentIntent,
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type StripeProtocolServer = Awaited<ReturnType<typeof startStripeProtocolServer>>
