import { describe, expect, it } from 'vitest'
import { can, permissions, roles, type Permission, type Role } from './index'

// Written out from the product brief, independently of permissionMatrix: every cell is checked against it.
const expected: Record<Permission, Role[]> = {
  'journeys:read': ['viewer', 'editor', 'admin'],
  'journeys:write': ['editor', 'admin'],
  'journeys:publish': ['editor', 'admin'],
  'cases:read': ['viewer', 'editor', 'admin'],
  'cases:write': ['ingest', 'editor', 'admin'],
  'cases:erase': ['admin'],
  'events:write': ['ingest', 'editor', 'admin'],
  'messages:read': ['viewer', 'editor', 'admin'],
  'tasks:work': ['editor', 'admin'],
  'tasks:supervise': ['admin'],
  simulate: ['editor', 'admin'],
  'keys:manage': ['admin'],
  'clock:control': ['admin'],
  'settings:write': ['admin'],
}

describe('can', () => {
  it('knows exactly the permissions of the brief', () => {
    expect([...permissions].sort()).toEqual(Object.keys(expected).sort())
    expect(roles).toEqual(['admin', 'editor', 'ingest', 'viewer'])
  })

  for (const permission of Object.keys(expected) as Permission[]) {
    for (const role of roles) {
      const allowed = expected[permission].includes(role)
      it(`${allowed ? 'lets' : 'does not let'} ${role} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed)
      })
    }
  }

  it('refuses what it does not know, even names that exist on Object.prototype', () => {
    expect(can('admin', 'toString' as Permission)).toBe(false)
    expect(can('constructor' as Role, 'journeys:read')).toBe(false)
    expect(can('root' as Role, 'journeys:read')).toBe(false)
  })
})
