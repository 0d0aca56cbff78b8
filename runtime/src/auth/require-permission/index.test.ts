import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { apiKeyAuth, can, createApiKey, permissions, requirePermission, roles, type AuthEnv, type Permission, type Role } from '../index'
import { temporaryDatabase } from '../temporary-database'

async function setup() {
  const { db } = await temporaryDatabase().open()
  const app = new Hono<AuthEnv>()
  app.use('/api/*', apiKeyAuth({ db }))
  for (const permission of permissions) app.get(`/api/${permission}`, requirePermission(permission), (c) => c.text('ok'))
  const keys = {} as Record<Role, string>
  for (const role of roles) keys[role] = (await createApiKey(db, { name: role, role })).key
  return { app, keys }
}

describe('requirePermission', () => {
  it('lets each role do exactly what the permission matrix allows', async () => {
    const { app, keys } = await setup()
    for (const role of roles) {
      for (const permission of permissions) {
        const response = await app.request(`/api/${permission}`, { headers: { Authorization: `Bearer ${keys[role]}` } })
        expect(response.status, `${role} ${permission}`).toBe(can(role, permission) ? 200 : 403)
      }
    }
  })

  it('names the missing permission in a 403 problem', async () => {
    const { app, keys } = await setup()
    const response = await app.request('/api/cases:erase', { headers: { Authorization: `Bearer ${keys.editor}` } })
    expect(response.status).toBe(403)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'This needs the "cases:erase" permission, which the editor role does not have.',
      permission: 'cases:erase',
    })
  })

  it('fails closed when mounted without apiKeyAuth, and refuses an unknown permission up front', async () => {
    const app = new Hono<AuthEnv>()
    app.get('/x', requirePermission('journeys:read'), (c) => c.text('ok'))
    const response = await app.request('/x')
    expect(response.status).toBe(500)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(() => requirePermission('journeys:delete' as Permission)).toThrow('unknown permission "journeys:delete"')
  })
})
