import { afterEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from './channel-adapter'
import { createSmtpAdapter, messageIdFor, type SmtpAdapter, type SmtpAdapterOptions } from './index'
import { closedPort, smtpError, startSmtpServer } from './testing/local-servers'
import { decodeHeader, parseRawEmail } from '../testing/raw-email'

const reminder: OutgoingMessage = {
  id: 'enr-1/2',
  caseId: 'INV-1001',
  channel: 'email',
  recipient: 'anna.berger@example.at',
  subject: 'Erinnerung: Ihre Rechnung über 84,50 €',
  html: '<!doctype html><html><body><p>Hallo Anna, 84,50 € waren am 1. März fällig.</p><a href="https://pay.acme.test/pay/abc">Jetzt zahlen</a></body></html>',
  text: 'Hallo Anna, 84,50 € waren am 1. März fällig.\n\nJetzt zahlen: https://pay.acme.test/pay/abc',
  locale: 'de',
}

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function setup(server: Awaited<ReturnType<typeof startSmtpServer>>, options: Partial<SmtpAdapterOptions> = {}): Promise<SmtpAdapter> {
  cleanup.push(server.close)
  const adapter = createSmtpAdapter({ host: '127.0.0.1', port: server.port, from: 'Acme Billing <billing@acme.test>', timeoutMs: 5000, ...options })
  cleanup.push(() => adapter.close())
  return adapter
}

describe('createSmtpAdapter against a real SMTP server', () => {
  it('delivers subject, text and HTML as multipart/alternative with the headers receivers rely on', async () => {
    const server = await startSmtpServer({ credentials: { user: 'dunwell', pass: 's3cret' } })
    const adapter = await setup(server, {
      auth: { user: 'dunwell', pass: 's3cret' },
      replyTo: 'support@acme.test',
      listUnsubscribe: (message) => `https://pay.acme.test/optout/${message.caseId}`,
    })
    const result = await adapter.send(reminder, { idempotencyKey: 'enr-1/2' })

    expect(result).toEqual({ ok: true, providerId: messageIdFor('enr-1/2', 'acme.test') })
    expect(server.mails).toHaveLength(1)
    const mail = server.mails[0]!
    expect(mail).toMatchObject({ from: 'billing@acme.test', to: ['anna.berger@example.at'], user: 'dunwell' })
    const email = parseRawEmail(mail.raw)
    expect(decodeHeader(email.headers.get('subject')!)).toBe('Erinnerung: Ihre Rechnung über 84,50 €')
    expect(email.headers.get('subject')).not.toContain('ü') // encoded for 7-bit transport
    expect(email.headers.get('from')).toBe('Acme Billing <billing@acme.test>')
    expect(email.headers.get('reply-to')).toBe('support@acme.test')
    expect(email.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}\.dunwell@acme\.test>$/)
    expect(email.headers.get('x-dunwell-message')).toBe('enr-1/2')
    expect(email.headers.get('list-unsubscribe')).toBe('<https://pay.acme.test/optout/INV-1001>')
    expect(email.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')

    expect(email.headers.get('content-type')).toMatch(/^multipart\/alternative;/)
    const [plain, html] = email.parts
    expect(plain?.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i)
    expect(plain?.body).toBe(reminder.text)
    expect(html?.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i)
    expect(html?.body).toBe(reminder.html)
  })

  it('gives a resent message the same Message-ID and another message a different one', async () => {
    const server = await startSmtpServer()
    const adapter = await setup(server)
    await adapter.send(reminder, { idempotencyKey: 'enr-1/2' })
    await adapter.send(reminder, { idempotencyKey: 'enr-1/2' })
    await adapter.send({ ...reminder, id: 'enr-1/5' }, { idempotencyKey: 'enr-1/5' })
    const ids = server.mails.map((mail) => parseRawEmail(mail.raw).headers.get('message-id'))
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[0])
  })

  it('keeps one connection open for consecutive messages (pooled)', async () => {
    const server = await startSmtpServer()
    const adapter = await setup(server)
    for (const key of ['a', 'b', 'c']) expect((await adapter.send(reminder, { idempotencyKey: key })).ok).toBe(true)
    expect(server.mails).toHaveLength(3)
    expect(server.connections()).toBe(1)
  })

  it('writes a mailto unsubscribe without one-click, and no header without a target', async () => {
    const server = await startSmtpServer()
    const adapter = await setup(server, { listUnsubscribe: (message) => (message.caseId === 'INV-1001' ? 'optout@acme.test' : undefined) })
    await adapter.send(reminder, { idempotencyKey: 'a' })
    await adapter.send({ ...reminder, caseId: 'INV-2' }, { idempotencyKey: 'b' })
    const [first, second] = server.mails.map((mail) => parseRawEmail(mail.raw).headers)
    expect(first?.get('list-unsubscribe')).toBe('<mailto:optout@acme.test>')
    expect(first?.has('list-unsubscribe-post')).toBe(false)
    expect(second?.has('list-unsubscribe')).toBe(false)
  })

  it('sends a text-only email as text/plain', async () => {
    const server = await startSmtpServer()
    const adapter = await setup(server)
    await adapter.send({ ...reminder, html: null }, { idempotencyKey: 'a' })
    const email = parseRawEmail(server.mails[0]!.raw)
    expect(email.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(email.body).toBe(reminder.text)
  })
})

describe('createSmtpAdapter failures', () => {
  it('does not retry a recipient the server rejects for good (550)', async () => {
    const server = await startSmtpServer({ rcpt: () => smtpError(550, 'No such user here') })
    const result = await (await setup(server)).send(reminder, { idempotencyKey: 'a' })
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(!result.ok && result.error).toMatch(/550.*No such user/)
  })

  it('retries a message the server defers (451)', async () => {
    const server = await startSmtpServer({ data: () => smtpError(451, 'Greylisted, try again later') })
    const result = await (await setup(server)).send(reminder, { idempotencyKey: 'a' })
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(!result.ok && result.error).toMatch(/451/)
  })

  it('does not retry with credentials the server refuses (535)', async () => {
    const server = await startSmtpServer({ credentials: { user: 'dunwell', pass: 's3cret' } })
    const result = await (await setup(server, { auth: { user: 'dunwell', pass: 'wrong' } })).send(reminder, { idempotencyKey: 'a' })
    expect(result).toMatchObject({ ok: false, retryable: false })
    expect(server.mails).toHaveLength(0)
  })

  it('retries when the server is down', async () => {
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: await closedPort(), from: 'billing@acme.test', timeoutMs: 2000 })
    cleanup.push(() => adapter.close())
    const result = await adapter.send(reminder, { idempotencyKey: 'a' })
    expect(result).toMatchObject({ ok: false, retryable: true })
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/)
  })

  it('fails without retry when there is no address or no body, before connecting', async () => {
    const server = await startSmtpServer()
    const adapter = await setup(server)
    expect(await adapter.send({ ...reminder, recipient: null }, { idempotencyKey: 'a' })).toMatchObject({ ok: false, retryable: false })
    expect(await adapter.send({ ...reminder, html: null, text: null }, { idempotencyKey: 'b' })).toMatchObject({ ok: false, retryable: false })
    expect(server.connections()).toBe(0)
  })

  it('refuses a from that is not an address', () => {
    expect(() => createSmtpAdapter({ host: 'localhost', port: 25, from: 'Acme Billing' })).toThrow(/from must be an email address/)
  })
})
