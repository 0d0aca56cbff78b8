import { describe, expect, it } from 'vitest'
import { can, permissions, roles } from '../auth'
import { startApi } from './testing'

describe('GET /api/me', () => {
  it('names each key’s role and exactly the permissions the matrix gives it', async () => {
    const api = await startApi()
    for (const role of roles) {
      const me = await api.expectStatus(200, 'GET', '/api/me', { as: role })
      expect(me).toEqual({ name: `${role} key`, role, permissions: permissions.filter((p) => can(role, p)), openMode: false })
    }
    const viewer = await api.expectStatus(200, 'GET', '/api/me', { as: 'viewer' })
    expect(viewer.permissions).toContain('journeys:read')
    expect(viewer.permissions).not.toContain('journeys:publish')
    await api.expectStatus(401, 'GET', '/api/me', { as: null })
  })
})
