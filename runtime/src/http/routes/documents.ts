import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { documentFileName, documentMediaTypes } from '../../public-pages/uploaded-document'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { notFound, problemResponses } from '../schemas'

const params = z.object({
  id: z
    .string()
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The case' }),
  documentId: z
    .string()
    .max(64)
    .openapi({ param: { name: 'documentId', in: 'path' }, description: 'From the `dispute.opened` event’s `documentId`' }),
})

/** A document a debtor uploaded, for the agent who checks the dispute: always a download, never a page. */
export function documentRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  return app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getCaseDocument',
      path: '/api/cases/{id}/documents/{documentId}',
      tags: ['cases'],
      summary: 'Download a document the debtor sent with a dispute (PDF, JPEG or PNG)',
      middleware: guard(options, 'cases:read'),
      request: { params },
      responses: {
        200: {
          description: 'The document, as an attachment, of the type its bytes showed at upload',
          content: Object.fromEntries(documentMediaTypes.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
        },
        ...problemResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param')
      const row = await options.db.selectFrom('documents').selectAll().where('id', '=', documentId).where('case_id', '=', id).executeTakeFirst()
      if (!row) return problem(c, 404, `case "${id}" has no document "${documentId}"`)
      // Its type as its bytes said at upload; a download, never rendered, and nothing in it may run.
      return new Response(new Uint8Array(row.bytes), {
        status: 200,
        headers: {
          'content-type': row.media_type,
          'content-disposition': `attachment; filename="${documentFileName(row.id, row.media_type)}"`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'no-store',
        },
      }) as never
    },
  )
}
