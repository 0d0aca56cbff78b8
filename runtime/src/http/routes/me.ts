import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { meSchema } from '@dunwell/contract'
import type { Schema } from 'hono'
import { openModePrincipal } from '../../auth/api-key'
import { can, permissions } from '../../auth/permissions'
import type { AppEnv } from '../app-types'
import { jsonResponse as json, problemResponses } from '../schemas'

/** `GET /api/me`: the key's name, role and permissions, for a client that shows only what the role allows. */
export function meRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMe',
      path: '/api/me',
      tags: ['system'],
      summary: 'Who this API key speaks for: its name, role and permissions',
      responses: { 200: json(meSchema, 'The key’s role and what it may do'), ...problemResponses },
    }),
    (c) => {
      const principal = c.get('principal')
      return c.json(
        {
          name: principal.name,
          role: principal.role,
          permissions: permissions.filter((permission) => can(principal.role, permission)),
          openMode: principal.id === openModePrincipal.id,
        },
        200,
      )
    },
  )
}
