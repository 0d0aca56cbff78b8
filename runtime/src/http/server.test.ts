import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startServer } from './server'

/** The server with a built editor (a stand-in index.html), open mode, on a free port. */
async function serve() {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-server-'))
  const editor = join(folder, 'editor')
  mkdirSync(editor)
  writeFileSync(join(editor, 'index.html'), '<!doctype html><title>Dunwell editor</title>')
  const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open: true, editor, log: () => {} })
  onTestFinished(async () => {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return server
}

describe('the server’s editor fallback', () => {
  it('serves the editor for its own paths, and a 404 problem for every unknown runtime path', async () => {
    const server = await serve()
    for (const path of ['/', '/journeys/friendly-reminder']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(await response.text()).toContain('Dunwell editor')
    }
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/cases'],
      ['GET', '/docs/nope'],
      ['GET', '/health/nope'],
      ['GET', '/optout'],
    ]) {
      const response = await fetch(`${server.url}${path}`, { method })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.headers.get('content-type'), `${method} ${path}`).toBe('application/problem+json')
      expect(await response.json()).toMatchObject({ status: 404, detail: `no route ${method} ${path}` })
    }
    // Without a test clock, its route says how to have one.
    const clock = await fetch(`${server.url}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(clock.status).toBe(404)
    expect(((await clock.json()) as { detail: string }).detail).toContain('start it with --test-clock')
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })
})

describe('the server’s start', () => {
  it('lists each channel and what it is wired to, naming no secret', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dunwell-server-'))
    const lines: string[] = []
    const env = {
      DUNWELL_SMTP_HOST: '127.0.0.1',
      DUNWELL_SMTP_PORT: '2525',
      DUNWELL_SMTP_FROM: 'billing@acme.test',
      DUNWELL_SMTP_USER: 'mailer',
      DUNWELL_SMTP_PASS: 'smtp-password-123',
      DUNWELL_SMS_URL: 'https://sms.example.test/send?token=url-token-456',
      DUNWELL_SMS_SECRET: 'sms-secret-789',
    }
    const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open: true, env, log: (line) => lines.push(line) })
    onTestFinished(async () => {
      await server.close()
      rmSync(folder, { recursive: true, force: true })
    })
    const start = lines.indexOf('Channels:')
    expect(lines.slice(start)).toEqual([
      'Channels:',
      '  email: wired to SMTP 127.0.0.1:2525',
      '  sms: wired to HTTP provider https://sms.example.test',
      '  whatsapp: not wired, messages are recorded and not sent (set DUNWELL_WHATSAPP_URL and DUNWELL_WHATSAPP_SECRET)',
      '  letter: not wired, messages are recorded and not sent (set DUNWELL_LETTER_URL and DUNWELL_LETTER_SECRET)',
      '  call: tasks for agents at /api/tasks',
      'Payments: not wired, the portal offers bank transfer only (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)',
    ])
    for (const secret of ['smtp-password-123', 'url-token-456', 'sms-secret-789', 'mailer']) expect(lines.join('\n')).not.toContain(secret)
  })

  it('names the payment provider and its webhook when Stripe is configured, never its keys', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dunwell-server-'))
    const lines: string[] = []
    const env = { STRIPE_SECRET_KEY: 'sk_test_key-123', STRIPE_WEBHOOK_SECRET: 'whsec_signing-456', DUNWELL_PUBLIC_URL: 'https://pay.acme.test' }
    const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open: true, env, log: (line) => lines.push(line) })
    onTestFinished(async () => {
      await server.close()
      rmSync(folder, { recursive: true, force: true })
    })
    expect(lines).toContain('Payments: wired to stripe (its webhook: https://pay.acme.test/payments/stripe/webhook)')
    for (const secret of ['sk_test_key-123', 'whsec_signing-456']) expect(lines.join('\n')).not.toContain(secret)
    // Half a configuration is a clear error at start, not a portal that cannot confirm payments.
    await expect(
      startServer({ file: join(folder, 'other.sqlite'), port: 0, open: true, env: { STRIPE_SECRET_KEY: 'sk_test_key-123' }, log: () => {} }),
    ).rejects.toThrow(/both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/)
  })
})
