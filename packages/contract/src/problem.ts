import { z } from 'zod'

/** One field at fault, as the API names it: `debtor.email: must be an email address`. */
export const fieldErrorSchema = z.object({ path: z.string().meta({ example: 'debtor.email' }), message: z.string() })
export type FieldError = z.infer<typeof fieldErrorSchema>

/** The enrolment that stands in the way of another: the case is in this journey already. */
export const existingEnrolmentSchema = z.object({
  id: z.string(),
  journeyId: z.string(),
  version: z.number().int(),
  status: z.enum(['active', 'paused']),
  node: z.string().meta({ description: 'The step the case is at' }),
  since: z.string().meta({ description: 'When it entered the journey' }),
})
export type ExistingEnrolment = z.infer<typeof existingEnrolmentSchema>

/** Every error of the API (RFC 9457), with every field the server sends: one schema, for every error status. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem; `about:blank` when the status says it all', example: 'about:blank' }),
    title: z.string().meta({ description: 'The status text', example: 'Bad Request' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What is wrong, in words' }),
    errors: z.array(fieldErrorSchema).optional().meta({ description: 'Each field at fault (400, 404, 409 of a field)' }),
    permission: z.string().optional().meta({ description: 'The permission the key’s role lacks (403)', example: 'cases:write' }),
    enrolment: existingEnrolmentSchema.optional().meta({ description: 'The enrolment the case is in already (409 of an enrol)' }),
  })
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof problemSchema>
