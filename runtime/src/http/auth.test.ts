import { describe, expect, it } from 'vitest'
import { can, createApiKey, createApp, permissions, revokeApiKey, roles, type Permission } from '../index'
import { caseInput, journey, textTemplate } from '../engine/testing'
import { snapshot, startApi, type RequestOptions, type TestApi } from './testing'

const letters = journey({
  id: 'letters',
  nodes: { start: ['entry', { event: 'invoice.overdue' }], post: ['letter', { template: 'letter' }], done: ['exit', { outcome: 'done' }] },
  edges: ['start>post', 'post>done'],
  templates: { letter: textTemplate('letter', '<p>Dear {{ debtor.lastName | default: "" }}</p>') },
})

/** A published journey and a case, so that every representative route below can succeed. */
async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/letters/draft', { body: letters })
  await api.expectStatus(201, 'POST', '/api/journeys/letters/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  return api
}

/**
 * One representative route per permission and the status it answers when allowed. `keys:manage` has no HTTP
 * route: keys are managed with `dunwell keys` on the server's machine.
 */
// tasks:supervise is checked in work.test.ts: it needs a task that another key claimed.
const representative: Record<
  Exclude<Permission, 'keys:manage' | 'tasks:supervise'>,
  { method: string; path: string; ok: number; options?: (api: TestApi) => RequestOptions }
> = {
  'journeys:read': { method: 'GET', path: '/api/journeys/letters', ok: 200 },
  'journeys:write': { method: 'PUT', path: '/api/journeys/letters/draft', ok: 200, options: () => ({ body: { ...letters, name: 'Letters, edited' } }) },
  'journeys:publish': { method: 'POST', path: '/api/journeys/letters/pause', ok: 200 },
  'cases:read': { method: 'GET', path: '/api/cases/c-1', ok: 200 },
  'cases:write': { method: 'PUT', path: '/api/cases/c-1', ok: 200, options: () => ({ body: caseInput('c-1', { amountDue: 90 }) }) },
  'cases:erase': { method: 'DELETE', path: '/api/cases/c-1', ok: 200 },
  'events:write': { method: 'POST', path: '/api/events', ok: 202, options: () => ({ body: { id: 'note-1', type: 'note.added', caseId: 'c-1' } }) },
  'messages:read': { method: 'GET', path: '/api/messages', ok: 200 },
  'tasks:work': { method: 'GET', path: '/api/tasks', ok: 200 },
  simulate: {
    method: 'POST',
    path: '/api/simulations',
    ok: 200,
    options: () => ({ body: { journey: letters, cases: [caseInput('s-1')], start: '2026-11-23T09:00:00Z', days: 1 } }),
  },
  'clock:control': {
    method: 'POST',
    path: '/api/test/clock',
    ok: 200,
    options: (api) => ({ body: { advanceTo: new Date(api.clock.now() + 1000).toISOString() } }),
  },
}

describe('the permission matrix, route by route', () => {
  it('has a representative route for every permission but keys:manage', () => {
    expect([...Object.keys(representative), 'keys:manage', 'tasks:supervise'].sort()).toEqual([...permissions].sort())
  })

  for (const [permission, route] of Object.entries(representative) as [Permission, (typeof representative)[keyof typeof representative]][]) {
    it(`${route.method} ${route.path} (${permission}): ${roles.map((role) => `${role} ${can(role, permission) ? route.ok : 403}`).join(', ')}`, async () => {
      const api = await setup()
      // Refused roles first, so that each refusal is checked against untouched data.
      for (const role of [...roles].sort((a, b) => Number(can(a, permission)) - Number(can(b, permission)))) {
        const before = await snapshot(api)
        const response = await api.request(route.method, route.path, { ...route.options?.(api), as: role })
        const body = await response.json()
        if (can(role, permission)) {
          expect(response.status, `${role}: ${JSON.stringify(body)}`).toBe(route.ok)
        } else {
          expect(response.status, `${role}: ${JSON.stringify(body)}`).toBe(403)
          expect(response.headers.get('Content-Type')).toBe('application/problem+json')
          expect(body).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: expect.stringContaining(role), permission })
          expect(await snapshot(api), `${role} changed data`).toEqual(before)
        }
      }
    })
  }
})

describe('API keys', () => {
  it('every /api route refuses a request without a key: 401 problem+json with WWW-Authenticate', async () => {
    const api = await setup()
    const routes = new Set(
      api.app.routes
        .filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, 'x')}`),
    )
    expect(routes.size).toBeGreaterThan(25)
    const before = await snapshot(api)
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string]
      const response = await api.request(method, path, { as: null, ...(method === 'GET' ? {} : { body: {} }) })
      expect(response.status, route).toBe(401)
      expect(response.headers.get('Content-Type'), route).toBe('application/problem+json')
      expect(response.headers.get('WWW-Authenticate'), route).toBe('Bearer realm="dunwell"')
      expect(await response.json(), route).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 })
    }
    expect(await snapshot(api)).toEqual(before)
  })

  it('refuses an unknown, malformed or revoked key with 401 invalid_token', async () => {
    const api = await setup()
    const revoked = await createApiKey(api.db, { name: 'old', role: 'admin' })
    await revokeApiKey(api.db, revoked.id)
    for (const key of [`dw_${'A'.repeat(43)}`, 'not-a-key', `${api.keys.admin}x`, revoked.key]) {
      const response = await api.request('GET', '/api/journeys', { as: null, headers: { Authorization: `Bearer ${key}` } })
      expect(response.status).toBe(401)
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="dunwell", error="invalid_token"')
      const body = await response.text()
      expect(body).not.toContain(key)
    }
  })

  it('takes the key from X-Api-Key too', async () => {
    const api = await setup()
    const response = await api.request('GET', '/api/journeys', { as: null, headers: { 'X-Api-Key': api.keys.viewer } })
    expect(response.status).toBe(200)
  })

  it('open (development) mode admits no keyless request it cannot place on this machine', async () => {
    const api = await setup()
    const open = createApp({ engine: api.engine, db: api.db, open: true })
    const response = await open.request('/api/journeys', { headers: { Host: 'localhost' } })
    expect(response.status).toBe(401)
  })

  it('/health, /openapi.json and /docs need no key', async () => {
    const api = await setup()
    const health = await api.expectStatus(200, 'GET', '/health', { as: null })
    expect(health).toMatchObject({ status: 'ok', time: '2026-11-23T09:00:00.000Z' })
    expect(await api.expectStatus(200, 'GET', '/openapi.json', { as: null })).toMatchObject({ openapi: '3.1.0' })
    const docs = await api.request('GET', '/docs', { as: null })
    expect(docs.status).toBe(200)
    expect(docs.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await docs.text()).toContain('/openapi.json')
    const css = await api.request('GET', '/docs/assets/swagger-ui.css', { as: null })
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toBe('text/css')
    await api.expectStatus(404, 'GET', '/docs/assets/..%2Fpackage.json', { as: null })
  })
})
