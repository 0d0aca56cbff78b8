import { afterEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from './channel-adapter'
import { createHttpProviderAdapter, verifySignature } from './index'
import { closedPort, startHttpServer, type ReceivedRequest, type Reply } from './testing/local-servers'

const secret = 'provider-secret-0123456789'

const sms: OutgoingMessage = {
  id: 'enr-7/3',
  caseId: 'INV-1001',
  channel: 'sms',
  recipient: '+436641234567',
  subject: null,
  html: null,
  text: 'Noch 84,50 € offen: https://pay.acme.test/pay/abc Antworten Sie STOPP zum Abmelden.',
  locale: 'de',
}

const servers: { close: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** A provider that, like a real one, answers 401 to a request without a valid signature. */
async function provider(reply: (request: ReceivedRequest, index: number) => Reply) {
  const server = await startHttpServer((request, index) => {
    const signed = verifySignature({
      secret,
      timestamp: request.headers['x-dunwell-timestamp'] as string | undefined,
      signature: request.headers['x-dunwell-signature'] as string | undefined,
      body: request.body,
      now: Date.now(),
    })
    return signed ? reply(request, index) : { status: 401, body: '{"error":"bad signature"}' }
  })
  servers.push(server)
  return server
}

describe('createHttpProviderAdapter against a real HTTP server', () => {
  it('posts the signed message with its idempotency key and reads the provider id', async () => {
    const server = await provider(() => ({ status: 202, body: '{"id":"prov-42","status":"queued"}' }))
    const adapter = createHttpProviderAdapter({ url: `${server.url}/messages`, secret, channel: 'sms', sender: 'ACME' })
    expect(await adapter.send(sms, { idempotencyKey: 'enr-7/3' })).toEqual({ ok: true, providerId: 'prov-42' })

    const [request] = server.requests
    expect(request).toMatchObject({ method: 'POST', url: '/messages' })
    expect(request!.headers['content-type']).toBe('application/json')
    expect(request!.headers['idempotency-key']).toBe('enr-7/3')
    expect(request!.headers['x-dunwell-signature']).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(Math.abs(Number(request!.headers['x-dunwell-timestamp']) - Date.now() / 1000)).toBeLessThan(5)
    expect(JSON.parse(request!.body)).toEqual({ id: 'enr-7/3', channel: 'sms', to: '+436641234567', from: 'ACME', text: sms.text, locale: 'de' })
  })

  it('leaves out from without a sender and accepts a 2xx without an id', async () => {
    const server = await provider(() => ({ status: 204 }))
    const adapter = createHttpProviderAdapter({ url: server.url, secret, channel: 'whatsapp' })
    expect(await adapter.send({ ...sms, channel: 'whatsapp' }, { idempotencyKey: 'k' })).toEqual({ ok: true })
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ id: 'enr-7/3', channel: 'whatsapp', to: '+436641234567', text: sms.text, locale: 'de' })
  })

  it('is rejected by a provider that checks signatures when the secret is wrong', async () => {
    const server = await provider(() => ({ status: 200 }))
    const adapter = createHttpProviderAdapter({ url: server.url, secret: 'another-secret-0123456789', channel: 'sms' })
    expect(await adapter.send(sms, { idempotencyKey: 'k' })).toEqual({ ok: false, retryable: false, error: 'HTTP 401: {"error":"bad signature"}' })
  })

  it('retries a 500 and then succeeds with the same idempotency key', async () => {
    const server = await provider((_, index) => (index === 0 ? { status: 500, body: 'upstream carrier down' } : { status: 200, body: '{"id":"prov-7"}' }))
    const adapter = createHttpProviderAdapter({ url: server.url, secret, channel: 'sms' })
    expect(await adapter.send(sms, { idempotencyKey: 'enr-7/3' })).toEqual({ ok: false, retryable: true, error: 'HTTP 500: upstream carrier down' })
    expect(await adapter.send(sms, { idempotencyKey: 'enr-7/3' })).toEqual({ ok: true, providerId: 'prov-7' })
    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual(['enr-7/3', 'enr-7/3'])
  })

  it.each([408, 429, 503])('retries %i', async (status) => {
    const server = await provider(() => ({ status }))
    const result = await createHttpProviderAdapter({ url: server.url, secret, channel: 'sms' }).send(sms, { idempotencyKey: 'k' })
    expect(result).toMatchObject({ ok: false, retryable: true, error: `HTTP ${status}` })
  })

  it("does not retry a 400 and keeps a bounded piece of the provider's error", async () => {
    const server = await provider(() => ({ status: 400, body: `{"error":"invalid number"}${' '.repeat(10)}${'x'.repeat(5000)}` }))
    const result = await createHttpProviderAdapter({ url: server.url, secret, channel: 'sms' }).send(sms, { idempotencyKey: 'k' })
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(!result.ok && result.error).toMatch(/^HTTP 400: \{"error":"invalid number"\} x+…$/)
    expect(!result.ok && result.error.length).toBeLessThan(320)
  })

  it('does not follow a redirect with the signed body', async () => {
    const target = await provider(() => ({ status: 200 }))
    const server = await provider(() => ({ status: 307, headers: { Location: `${target.url}/elsewhere` } }))
    const result = await createHttpProviderAdapter({ url: server.url, secret, channel: 'sms' }).send(sms, { idempotencyKey: 'k' })
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('redirect') })
    expect(target.requests).toHaveLength(0)
  })

  it('gives up on a slow provider after timeoutMs and retries later', async () => {
    const server = await provider(() => ({ status: 200, delayMs: 2000 }))
    const started = Date.now()
    const result = await createHttpProviderAdapter({ url: server.url, secret, channel: 'sms', timeoutMs: 200 }).send(sms, { idempotencyKey: 'k' })
    expect(Date.now() - started).toBeLessThan(1500)
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('within 200 ms') })
  })

  it('retries when nothing listens', async () => {
    const result = await createHttpProviderAdapter({ url: `http://127.0.0.1:${await closedPort()}`, secret, channel: 'sms' }).send(sms, { idempotencyKey: 'k' })
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') })
  })

  it('fails without retry, and without a request, when there is no number or no text', async () => {
    const server = await provider(() => ({ status: 200 }))
    const adapter = createHttpProviderAdapter({ url: server.url, secret, channel: 'sms' })
    expect(await adapter.send({ ...sms, recipient: null }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false })
    expect(await adapter.send({ ...sms, text: null }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false })
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a bad configuration at creation', () => {
    expect(() => createHttpProviderAdapter({ url: 'not a url', secret, channel: 'sms' })).toThrow(/url is not a URL/)
    expect(() => createHttpProviderAdapter({ url: 'ftp://x.test', secret, channel: 'sms' })).toThrow(/http\(s\)/)
    expect(() => createHttpProviderAdapter({ url: 'https://x.test', secret: '', channel: 'sms' })).toThrow(/secret/)
  })
})
