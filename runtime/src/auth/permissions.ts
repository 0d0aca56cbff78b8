import { roles, type Role } from '@dunwell/contract'

/** Who a key speaks for (one definition, in the API contract). */
export { roles, type Role }

/**
 * The whole access policy, one row per permission. Read across a row to see who may do it; a test checks every
 * cell, so a change here is a change someone meant.
 */
export const permissionMatrix = {
  'journeys:read': { admin: true, editor: true, ingest: false, viewer: true },
  'journeys:write': { admin: true, editor: true, ingest: false, viewer: false },
  'journeys:publish': { admin: true, editor: true, ingest: false, viewer: false },
  'cases:read': { admin: true, editor: true, ingest: false, viewer: true },
  'cases:write': { admin: true, editor: true, ingest: true, viewer: false },
  'cases:erase': { admin: true, editor: false, ingest: false, viewer: false },
  'events:write': { admin: true, editor: true, ingest: true, viewer: false },
  'messages:read': { admin: true, editor: true, ingest: false, viewer: true },
  'tasks:work': { admin: true, editor: true, ingest: false, viewer: false },
  /** Complete a task another key claimed (a team lead's correction); the claimant may always complete their own. */
  'tasks:supervise': { admin: true, editor: false, ingest: false, viewer: false },
  simulate: { admin: true, editor: true, ingest: false, viewer: false },
  'keys:manage': { admin: true, editor: false, ingest: false, viewer: false },
  'clock:control': { admin: true, editor: false, ingest: false, viewer: false },
  /** The creditor's name, colours and bank account that every debtor page shows. */
  'settings:write': { admin: true, editor: false, ingest: false, viewer: false },
} as const satisfies Record<string, Record<Role, boolean>>

export type Permission = keyof typeof permissionMatrix

export const permissions = Object.keys(permissionMatrix) as Permission[]

export function can(role: Role, permission: Permission): boolean {
  // Own-property lookups only: a role or permission read from outside must not reach Object.prototype.
  const row: Record<string, boolean> | undefined = Object.hasOwn(permissionMatrix, permission) ? permissionMatrix[permission] : undefined
  return row !== undefined && Object.hasOwn(row, role) && row[role] === true
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}
