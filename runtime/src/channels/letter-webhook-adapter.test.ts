import { afterEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from './channel-adapter'
import { createLetterWebhookAdapter, verifySignature } from './index'
import { startHttpServer, type Reply } from './testing/local-servers'

const secret = 'print-secret-0123456789'

const letter: OutgoingMessage = {
  id: 'enr-9/6',
  caseId: 'INV-1001',
  channel: 'letter',
  recipient: 'Anna Berger\nHauptstraße 1\n1010 Wien\nAT',
  subject: null,
  html: '<html><body><h1>Zahlungserinnerung</h1><p>Offen: 84,50 €</p></body></html>',
  text: 'Zahlungserinnerung\n\nOffen: 84,50 €',
  locale: 'de',
}

const servers: { close: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function printShop(reply: () => Reply) {
  const server = await startHttpServer((request) => {
    const signature = request.headers['x-dunwell-signature'] as string | undefined
    const timestamp = request.headers['x-dunwell-timestamp'] as string | undefined
    return verifySignature({ secret, timestamp, signature, body: request.body, now: Date.now() }) ? reply() : { status: 401 }
  })
  servers.push(server)
  return server
}

describe('createLetterWebhookAdapter against a real HTTP server', () => {
  it('posts the signed letter with the postal address, both bodies and the idempotency key', async () => {
    const server = await printShop(() => ({ status: 201, body: '{"id":"print-77"}' }))
    const result = await createLetterWebhookAdapter({ url: server.url, secret }).send(letter, { idempotencyKey: 'enr-9/6' })
    expect(result).toEqual({ ok: true, providerId: 'print-77' })
    const [request] = server.requests
    expect(request!.headers['idempotency-key']).toBe('enr-9/6')
    expect(JSON.parse(request!.body)).toEqual({
      id: 'enr-9/6',
      to: 'Anna Berger\nHauptstraße 1\n1010 Wien\nAT',
      html: letter.html,
      text: letter.text,
      locale: 'de',
    })
  })

  it('retries a 502, not a 422', async () => {
    const down = await printShop(() => ({ status: 502, body: 'bad gateway' }))
    expect(await createLetterWebhookAdapter({ url: down.url, secret }).send(letter, { idempotencyKey: 'k' })).toEqual({
      ok: false,
      retryable: true,
      error: 'HTTP 502: bad gateway',
    })
    const picky = await printShop(() => ({ status: 422, body: '{"error":"address has no postal code"}' }))
    expect(await createLetterWebhookAdapter({ url: picky.url, secret }).send(letter, { idempotencyKey: 'k' })).toEqual({
      ok: false,
      retryable: false,
      error: 'HTTP 422: {"error":"address has no postal code"}',
    })
  })

  it('sends nothing for a letter without an address or HTML', async () => {
    const server = await printShop(() => ({ status: 200 }))
    const adapter = createLetterWebhookAdapter({ url: server.url, secret })
    expect(await adapter.send({ ...letter, recipient: null }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false })
    expect(await adapter.send({ ...letter, html: null }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false })
    expect(server.requests).toHaveLength(0)
  })
})
