import { afterEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from './channel-adapter'
import { createWebhookAdapter, verifySignature } from './index'
import { parseAllowList, refusedAddressReason } from './outbound-address'
import { startHttpServer } from './testing/local-servers'

const secret = 'webhook-secret-0123456789'

function hook(url: string): OutgoingMessage {
  return { id: 'enr-1/4', caseId: 'c-1', channel: 'webhook', recipient: url, subject: null, html: null, text: '{"caseId":"c-1","node":"flag"}', locale: null }
}

const servers: { close: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function crm() {
  const server = await startHttpServer((request) => ({
    status: verifySignature({
      secret,
      timestamp: request.headers['x-dunwell-timestamp'] as string,
      signature: request.headers['x-dunwell-signature'] as string,
      body: request.body,
      now: Date.now(),
    })
      ? 204
      : 401,
  }))
  servers.push(server)
  return server
}

/** A resolver that knows a few names, as a DNS server would answer them. */
const dns: Record<string, string[]> = {
  'crm.internal.example': ['127.0.0.1'],
  'split.example': ['93.184.216.34', '10.0.0.7'],
  'six.example': ['fd00::1'],
}
const resolve = async (hostname: string) => {
  const found = dns[hostname]
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
}

describe('createWebhookAdapter', () => {
  it('refuses the metadata service, private, loopback and link-local addresses, written or resolved', async () => {
    const server = await crm()
    const port = new URL(server.url).port
    const adapter = createWebhookAdapter({ secret, resolve })
    for (const [url, reason] of [
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
      ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal is a cloud metadata service'],
      [`http://127.0.0.1:${port}/hook`, '127.0.0.1 is a loopback address'],
      [`http://crm.internal.example:${port}/hook`, 'crm.internal.example resolves to 127.0.0.1 is a loopback address'],
      [`http://localhost:${port}/hook`, 'localhost is this machine'],
      ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe (169.254.169.254) is a link-local address'],
      ['http://[fe80::1]/', 'fe80::1 is a link-local address'],
      ['https://10.1.2.3/hook', '10.1.2.3 is a private address'],
      ['https://172.20.0.1/hook', '172.20.0.1 is a private address'],
      ['https://192.168.0.10/hook', '192.168.0.10 is a private address'],
      ['https://split.example/hook', 'split.example resolves to 10.0.0.7 is a private address'],
      ['https://six.example/hook', 'six.example resolves to fd00::1 is a unique local (private) address'],
    ]) {
      const result = await adapter.send(hook(url!), { idempotencyKey: 'k' })
      expect(result, url).toEqual({ ok: false, retryable: false, error: expect.stringContaining(`refused: ${reason}`) })
    }
    expect(server.requests).toHaveLength(0)
  })

  it('calls a loopback server that the allow-list names, signed, with the idempotency key', async () => {
    const server = await crm()
    const port = new URL(server.url).port
    const adapter = createWebhookAdapter({ secret, resolve, allow: ['127.0.0.1/32'] })
    expect(await adapter.send(hook(`http://crm.internal.example:${port}/hook`), { idempotencyKey: 'enr-1/4' })).toEqual({ ok: true })
    expect(await adapter.send(hook(`http://127.0.0.1:${port}/hook`), { idempotencyKey: 'enr-1/5' })).toEqual({ ok: true })
    expect(server.requests.map((request) => [request.url, request.headers['idempotency-key'], JSON.parse(request.body)])).toEqual([
      ['/hook', 'enr-1/4', { caseId: 'c-1', node: 'flag' }],
      ['/hook', 'enr-1/5', { caseId: 'c-1', node: 'flag' }],
    ])
    // Only what the list names: the metadata service stays refused.
    const metadata = await adapter.send(hook('http://169.254.169.254/'), { idempotencyKey: 'k' })
    expect(metadata).toMatchObject({ ok: false, retryable: false })
  })

  it('judges addresses by range, IPv4 inside IPv6 included, and refuses a malformed allow-list at once', () => {
    for (const address of ['0.0.0.0', '100.64.0.1', '::1', '::', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', 'ff02::1', '224.0.0.1']) {
      expect(refusedAddressReason(address), address).toBeDefined()
    }
    for (const address of ['93.184.216.34', '2606:4700::1111', '::ffff:93.184.216.34']) expect(refusedAddressReason(address), address).toBeUndefined()
    expect(refusedAddressReason('10.20.3.4', parseAllowList(['10.20.0.0/16']))).toBeUndefined()
    expect(() => parseAllowList(['10.20.0.0/99'])).toThrow(/not an address or a range/)
  })
})
