import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { creditorSettingsSchema } from '@dunwell/contract'
import type { Schema } from 'hono'
import { readCreditor, saveCreditor } from '../../public-pages/creditor-store'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { bodyProblems, jsonResponse as json, notFound, problemResponses } from '../schemas'

/** The runtime's own settings an admin sets over the API: who the creditor is, as the debtor's pages show it. */
export function settingsRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  return app
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getCreditorSettings',
        path: '/api/settings/creditor',
        tags: ['system'],
        summary: 'The creditor as the debtor’s pages show them: name, logo, colour, bank account',
        middleware: guard(options, 'journeys:read'),
        responses: { 200: json(creditorSettingsSchema, 'The creditor'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const creditor = await readCreditor(options.db)
        if (!creditor) return problem(c, 404, 'no creditor is set yet: PUT /api/settings/creditor')
        return c.json(creditor, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        operationId: 'putCreditorSettings',
        path: '/api/settings/creditor',
        tags: ['system'],
        summary: 'Set the creditor the debtor’s pages show',
        description: 'The colour must reach 4.5:1 against white; the IBAN’s check digits must hold; the logo is a PNG or JPEG data URL.',
        middleware: guard(options, 'settings:write'),
        request: { body: { content: { 'application/json': { schema: creditorSettingsSchema } }, required: true } },
        responses: { 200: json(creditorSettingsSchema, 'Saved, as stored (IBAN and BIC in their electronic form)'), ...problemResponses, ...bodyProblems },
      }),
      async (c) => {
        const creditor = c.req.valid('json')
        await saveCreditor(options.db, creditor)
        return c.json(creditor, 200)
      },
    )
}
