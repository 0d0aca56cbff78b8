import type { MiddlewareHandler } from 'hono'
import { can, permissionMatrix, type Permission } from '../permissions'
import { problemResponse } from '../problem'
import type { AuthEnv, Principal } from '../types'

/** Lets a request through only when its principal's role has `permission`; otherwise a 403 problem naming it. */
export const requirePermission = (permission: Permission): MiddlewareHandler<AuthEnv> => {
  if (!Object.hasOwn(permissionMatrix, permission)) throw new Error(`requirePermission: unknown permission "${String(permission)}"`)
  return async function requirePermission(c, next) {
    const principal = c.get('principal') as Principal | undefined
    if (!principal) {
      // A wiring mistake, not the client's: refuse rather than guess.
      return problemResponse(c, { title: 'Internal Server Error', status: 500, detail: 'requirePermission runs only after apiKeyAuth.' })
    }
    if (!can(principal.role, permission)) {
      return problemResponse(c, {
        title: 'Forbidden',
        status: 403,
        detail: `This needs the "${permission}" permission, which the ${principal.role} role does not have.`,
        permission,
      })
    }
    await next()
  }
}
