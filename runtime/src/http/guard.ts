import type { MiddlewareHandler } from 'hono'
import type { Permission } from '../auth/permissions'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv, AppOptions } from './app-types'

/** The permission a route needs; the API key itself is checked once for all of /api. */
export function guard(_options: AppOptions, permission: Permission): MiddlewareHandler<AppEnv> {
  return requirePermission(permission)
}
