import { z } from 'zod'

export const journeyStatuses = ['active', 'paused', 'archived'] as const
export const journeyStatusSchema = z.enum(journeyStatuses)
export type JourneyStatus = z.infer<typeof journeyStatusSchema>

/** A journey in the list: its newest published version and whether unpublished work waits. */
export const journeySummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: journeyStatusSchema,
    latestVersion: z.number().int().nullable(),
    hasDraft: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'JourneySummary' })
export type JourneySummary = z.infer<typeof journeySummarySchema>

export const versionSummarySchema = z
  .object({ version: z.number().int(), note: z.string().nullable(), publishedAt: z.string() })
  .meta({ id: 'JourneyVersionSummary' })
export type VersionSummary = z.infer<typeof versionSummarySchema>

/**
 * A journey document as a draft may hold it: unfinished work is saved as it is, so nothing but its `id` is promised
 * (a finished one is `JourneyDocument`, i.e. journey.schema.json); the diagnostics say what to fix before publishing.
 */
export const draftDocumentSchema = z
  .looseObject({
    format: z.string().optional(),
    id: z.string(),
    name: z.string().optional(),
    description: z.string().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    nodes: z.array(z.unknown()).optional(),
    edges: z.array(z.unknown()).optional(),
    templates: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'DraftDocument', description: 'A journey document, finished or not: a draft may be unfinished (see its diagnostics)' })
export type DraftDocument = z.infer<typeof draftDocumentSchema>

/** One journey: the draft if there is one, else its newest published version. */
export const journeyViewSchema = journeySummarySchema.omit({ updatedAt: true }).extend({ document: draftDocumentSchema.nullable() }).meta({ id: 'Journey' })
export type JourneyView = z.infer<typeof journeyViewSchema>

export const publishedSchema = z.object({ journeyId: z.string(), version: z.number().int() }).meta({ id: 'Published' })
export type Published = z.infer<typeof publishedSchema>
