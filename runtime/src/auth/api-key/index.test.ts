import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/database'
import { apiKeyAuth, createApiKey, openModePrincipal, revokeApiKey, type ApiKeyAuthOptions, type AuthEnv } from '../index'
import { temporaryDatabase } from '../temporary-database'

function appWith(options: ApiKeyAuthOptions) {
  const app = new Hono<AuthEnv>()
  app.use('*', apiKeyAuth(options))
  app.get('/whoami', (c) => c.json(c.get('principal')))
  return app
}

/** What @hono/node-server passes as `env`, as far as getConnInfo reads it. */
function from(remoteAddress: string | undefined) {
  return { incoming: { socket: { remoteAddress, remotePort: 50000, remoteFamily: remoteAddress?.includes(':') ? 'IPv6' : 'IPv4' } } }
}

async function setup(options: Partial<ApiKeyAuthOptions> = {}) {
  const { db } = await temporaryDatabase().open()
  const created = await createApiKey(db, { name: 'ci', role: 'editor' })
  return { db: db as Kysely<Database>, created, app: appWith({ db, ...options }) }
}

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401)
  expect(response.headers.get('Content-Type')).toBe('application/problem+json')
  expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="dunwell"/)
  const body = await response.json()
  expect(body).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: expect.any(String) })
  return body as { detail: string }
}

describe('apiKeyAuth', () => {
  it('refuses a request without a key with a 401 problem', async () => {
    const { app } = await setup()
    const body = await expectUnauthorized(await app.request('/whoami'))
    expect(body.detail).toContain('Authorization: Bearer <key>')
  })

  it('refuses an unknown or malformed key, without echoing it', async () => {
    const { app, created } = await setup()
    for (const key of [`dw_${'A'.repeat(43)}`, 'not-a-key', `${created.key}0`]) {
      const response = await app.request('/whoami', { headers: { Authorization: `Bearer ${key}` } })
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="dunwell", error="invalid_token"')
      const body = await expectUnauthorized(response)
      expect(JSON.stringify(body)).not.toContain(key)
    }
  })

  it('refuses a revoked key', async () => {
    const { app, db, created } = await setup()
    expect((await app.request('/whoami', { headers: { Authorization: `Bearer ${created.key}` } })).status).toBe(200)
    await revokeApiKey(db, created.id)
    await expectUnauthorized(await app.request('/whoami', { headers: { Authorization: `Bearer ${created.key}` } }))
  })

  it('accepts a key as a bearer token (any case of the scheme) or in X-Api-Key, and sets the principal', async () => {
    const { app, created } = await setup()
    const variants: Record<string, string>[] = [
      { Authorization: `Bearer ${created.key}` },
      { Authorization: `bearer ${created.key}` },
      { 'X-Api-Key': created.key },
    ]
    for (const headers of variants) {
      const response = await app.request('/whoami', { headers })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ id: created.id, name: 'ci', role: 'editor' })
    }
  })

  it('prefers the Authorization header, and ignores other schemes', async () => {
    const { app, created } = await setup()
    expect((await app.request('/whoami', { headers: { Authorization: 'Bearer dw_wrong', 'X-Api-Key': created.key } })).status).toBe(401)
    expect((await app.request('/whoami', { headers: { Authorization: 'Basic dXNlcjpwYXNz', 'X-Api-Key': created.key } })).status).toBe(200)
  })
})

describe('apiKeyAuth in open mode', () => {
  it('admits a keyless request from a loopback address as the open-mode admin', async () => {
    const { app } = await setup({ open: true })
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const response = await app.request('/whoami', {}, from(address))
      expect(response.status, address).toBe(200)
      expect(await response.json()).toEqual(openModePrincipal)
    }
  })

  it('refuses a keyless request from any other address, or an unknown one', async () => {
    const { app } = await setup({ open: true })
    for (const address of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', '128.0.0.1', 'localhost', '', undefined]) {
      const body = await expectUnauthorized(await app.request('/whoami', {}, from(address)))
      expect(body.detail).toContain('open mode')
    }
    await expectUnauthorized(await app.request('/whoami')) // no env at all: not served by @hono/node-server
  })

  it('still admits a valid key from anywhere, and still refuses a bad key from loopback', async () => {
    const { app, created } = await setup({ open: true })
    expect((await app.request('/whoami', { headers: { Authorization: `Bearer ${created.key}` } }, from('203.0.113.7'))).status).toBe(200)
    await expectUnauthorized(await app.request('/whoami', { headers: { Authorization: 'Bearer dw_nope' } }, from('127.0.0.1')))
  })

  it('refuses loopback requests that a proxy forwarded, that a foreign page sent, or that came under a foreign host name', async () => {
    const { app } = await setup({ open: true })
    const cases: [string, RequestInit][] = [
      ['/whoami', { headers: { 'X-Forwarded-For': '203.0.113.7' } }],
      ['/whoami', { headers: { Forwarded: 'for=203.0.113.7' } }],
      ['/whoami', { headers: { 'X-Real-IP': '127.0.0.1' } }],
      ['/whoami', { headers: { Origin: 'https://evil.example' } }],
      ['/whoami', { headers: { Origin: 'null' } }],
      ['/whoami', { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
      ['http://rebound.example/whoami', {}],
    ]
    for (const [path, init] of cases) expect((await app.request(path, init, from('127.0.0.1'))).status, JSON.stringify([path, init])).toBe(401)
    const fromEditor = await app.request(
      'http://127.0.0.1:8787/whoami',
      { headers: { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'cross-site' } },
      from('127.0.0.1'),
    )
    expect(fromEditor.status).toBe(200)
  })

  it('is off unless asked for explicitly', async () => {
    const { app } = await setup({ open: 'yes' as never })
    await expectUnauthorized(await app.request('/whoami', {}, from('127.0.0.1')))
  })

  it('reads the remote address of a real @hono/node-server connection, dual-stack included', async () => {
    const { app } = await setup({ open: true })
    for (const hostname of ['127.0.0.1', '::']) {
      const server = serve({ fetch: app.fetch, port: 0, hostname })
      await new Promise((resolve) => server.once('listening', resolve))
      try {
        const { port } = server.address() as AddressInfo
        // Listening on `::`, an IPv4 client shows as ::ffff:127.0.0.1.
        expect((await fetch(`http://127.0.0.1:${port}/whoami`)).status, hostname).toBe(200)
        expect((await fetch(`http://127.0.0.1:${port}/whoami`, { headers: { 'X-Forwarded-For': '203.0.113.7' } })).status).toBe(401)
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
    }
  })
})
