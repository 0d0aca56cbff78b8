import { z } from '@hono/zod-openapi'
import { journeySchema } from '@dunwell/journey'
import { caseInputSchema, diagnosticSchema, eventInputSchema, lineReportSchema, problemSchema } from '@dunwell/contract'

export { diagnosticSchema, problemSchema }
export const lineReport = lineReportSchema

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

/** A JSON response of a route, for its OpenAPI description and its typed client. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/** Any route that reads a body: beyond its limit, or of a type it does not read. */
export const bodyProblems = { ...tooLarge, 415: problemOf('The body is not of a type this route reads') } as const
