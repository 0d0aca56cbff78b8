import { z } from '@hono/zod-openapi'
import { journeySchema } from '@dunwell/journey'
import { caseInputSchema } from '../wire/case-input'
import { eventInputSchema } from '../wire/event-input'

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

export const problemResponses = {
  400: { description: 'The request is malformed; `errors` names each field at fault', content: { 'application/problem+json': { schema: problemSchema } } },
  401: { description: 'No valid API key', content: { 'application/problem+json': { schema: problemSchema } } },
  403: { description: 'The key’s role may not do this', content: { 'application/problem+json': { schema: problemSchema } } },
} as const

export const notFound = { 404: { description: 'No such resource', content: { 'application/problem+json': { schema: problemSchema } } } } as const

export const diagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])),
  })
  .openapi('Diagnostic')

/** The journey document, cases and events: the shared zod schemas (the journey's is also journey.schema.json). */
export const journeyDocument = journeySchema
export const caseInput = caseInputSchema
export const eventInput = eventInputSchema

export const journeyIdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'friendly-reminder' }) })
export const caseIdParam = z.object({ id: z.string().min(1).max(128).openapi({ param: { name: 'id', in: 'path' }, example: 'c-1' }) })

export const lineReport = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int().optional(),
    created: z.number().int().optional(),
    updated: z.number().int().optional(),
    errors: z.array(z.object({ line: z.number().int(), id: z.string().optional(), message: z.string() })),
  })
  .openapi('LineReport')

/** A JSON response of a route, for its OpenAPI description and its typed client. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}
