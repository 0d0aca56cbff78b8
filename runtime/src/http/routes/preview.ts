import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { journeySchema } from '@dunwell/journey'
import type { Schema } from 'hono'
import { previewMessage } from '../../engine/preview-message'
import { createMessageRenderer, MessageRenderError } from '../../messages'
import { caseInputSchema } from '@dunwell/contract'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { jsonResponse as json, problemResponses, problemOf, bodyProblems } from '../schemas'

const previewRequest = z
  .object({
    // Only what rendering reads: a preview works while other steps of the draft are unfinished.
    journey: journeySchema.pick({ settings: true, templates: true }).strip(),
    templateId: z.string().min(1),
    sample: caseInputSchema,
    locale: z.string().optional(),
  })
  .openapi('PreviewRequest')

const rendered = z
  .object({ channel: z.string(), locale: z.string(), subject: z.string().optional(), html: z.string().optional(), text: z.string().optional() })
  .openapi('RenderedMessage')

/** The template preview of the editor: rendered by the runtime itself, so that preview = what is sent. */
export function previewRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const render = createMessageRenderer({ cacheSize: 200 })
  return app.openapi(
    createRoute({
      method: 'post',
      operationId: 'previewMessage',
      path: '/api/preview',
      tags: ['journeys'],
      summary: 'Render a template of a (draft) journey for a sample case and locale',
      description: 'Uses the renderer and the opt-out rule the engine sends with. Links point nowhere real.',
      middleware: guard(options, 'journeys:read'),
      request: { body: { content: { 'application/json': { schema: previewRequest } }, required: true } },
      responses: {
        200: json(rendered, 'The message as it would be sent'),
        ...problemResponses,
        ...bodyProblems,
        422: problemOf('The template does not render'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      try {
        const message = await previewMessage(render, {
          journey: body.journey,
          templateId: body.templateId,
          sample: body.sample,
          ...(body.locale ? { locale: body.locale } : {}),
          now: options.engine.clock.now(),
          links: { portal: 'https://pay.example.com/preview', pay: 'https://pay.example.com/preview', optout: 'https://pay.example.com/optout/preview' },
          sender: { name: 'Preview' },
          defaultTimezone: options.engine.policy.defaultTimezone,
        })
        return c.json(message, 200)
      } catch (error) {
        if (error instanceof MessageRenderError || error instanceof Error) return problem(c, 422, error.message)
        throw error
      }
    },
  )
}
