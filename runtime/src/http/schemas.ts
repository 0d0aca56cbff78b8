import { z } from '@hono/zod-openapi'
import { journeySchema } from '@dunwell/journey'
import { caseInputSchema } from '../wire/case-input'
import { eventInputSchema } from '../wire/event-input'

/** Every error of the API (RFC 9457), with every field the server sends: one schema, for every error status. */
export const problemSchema = z
  .object({
    type: z.string().openapi({ description: 'A URI naming the kind of problem; `about:blank` when the status says it all', example: 'about:blank' }),
    title: z.string().openapi({ description: 'The status text', example: 'Bad Request' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().openapi({ description: 'What is wrong, in words' }),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: 'debtor.email' }), message: z.string() }))
      .optional()
      .openapi({ description: 'Each field at fault (400, 404, 409 of a field)' }),
    permission: z.string().optional().openapi({ description: 'The permission the key’s role lacks (403)', example: 'cases:write' }),
  })
  .openapi('Problem')

/** A problem+json response: how every error of the API is sent. */
export function problemOf(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } }
}

/** What any operation may answer: its input does not fit, the key is missing or lacks the permission, or we failed. */
export const problemResponses = {
  400: problemOf('The request is malformed; `errors` names each field at fault'),
  401: problemOf('No valid API key'),
  403: problemOf('The key’s role may not do this; `permission` names what it lacks'),
  500: problemOf('Something went wrong on our side'),
} as const

/** The same for routes without a key (health, debtor pages, provider callbacks). */
export const openProblemResponses = { 400: problemResponses[400], 500: problemResponses[500] } as const

export const notFound = { 404: problemOf('No such resource') } as const

/** Every route that reads a body: beyond its limit (2 MB; bulk 64 MB; import 1 GiB) nothing is read. */
export const tooLarge = { 413: problemOf('The body is larger than this route’s limit; nothing was read') } as const

/** The API key, for operations that need it (`Authorization: Bearer <key>`). */
export const apiKeySecurity = [{ apiKey: [] }]

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

export const journeyIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'friendly-reminder' }),
})
export const caseIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'c-1' }),
})

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

/** Any route that reads a body: beyond its limit, or of a type it does not read. */
export const bodyProblems = { ...tooLarge, 415: problemOf('The body is not of a type this route reads') } as const
