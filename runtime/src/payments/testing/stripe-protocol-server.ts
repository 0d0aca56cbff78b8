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
}

interface Session {
  id: string
  paymentIntent: string
  caseId: string
  amount: number
  currency: string
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
      const session: Session = { id: `cs_test_${count}`, paymentIntent: `pi_test_${count}`, caseId, amount, currency }
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
          url: `https://checkout.stripe.test/c/pay/${session.id}`,
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
    const seenRequest: SeenRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      form: new URLSearchParams(request.method === 'GET' ? url.search : text),
      authorization: request.headers.authorization,
    }
    seen.push(seenRequest)
    const { status, body } = answer(seenRequest)
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${seen.length}` })
    response.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
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
    seen,
    sessions,
    /** The adapter, pointed at this server. */
    provider: () => createStripeProvider({ secretKey: TEST_STRIPE_KEY, webhookSecret: TEST_WEBHOOK_SECRET, host: '127.0.0.1', port, protocol: 'http' }),
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
