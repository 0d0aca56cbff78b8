import { z } from 'zod'
import { caseInputSchema } from './case-input'
import { dateFormats, encodings, fileFormats } from './import-settings'

const source = z.enum(['given', 'mapping', 'bom', 'charset', 'detected', 'default', 'undetermined'])
const setting = <T extends z.ZodType>(value: T) => z.object({ value: value.nullable(), source })

export const importProblemSchema = z
  .object({
    /** The file's own line (1 is the header row of a CSV); 0 for the file as a whole. */
    line: z.number().int(),
    id: z.string().optional(),
    column: z.string().optional(),
    value: z.string().optional(),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
  })
  .meta({ id: 'ImportProblem' })
export type ImportProblem = z.infer<typeof importProblemSchema>

export const importReportSchema = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    /** False for a dry run, and for an all-or-nothing import that was refused. */
    stored: z.boolean(),
    format: z.enum(fileFormats),
    settings: z.object({
      encoding: setting(z.enum(encodings)).optional(),
      separator: setting(z.enum(['comma', 'semicolon', 'tab', 'pipe'])).optional(),
      decimal: setting(z.enum(['point', 'comma'])),
      thousands: setting(z.enum(['none', 'point', 'comma', 'space', 'apostrophe'])),
      dateFormat: setting(z.enum(dateFormats)),
      currency: setting(z.string()),
    }),
    columns: z.array(
      z.object({
        index: z.number().int(),
        header: z.string(),
        target: z.string().nullable(),
        source: z.enum(['name', 'alias', 'given', 'mapping', 'unmapped', 'ignored']),
      }),
    ),
    /** Data rows read. */
    rows: z.number().int(),
    /** What would happen (a dry run) or what happened. */
    counts: z.object({ create: z.number().int(), update: z.number().int(), refuse: z.number().int() }),
    preview: z.array(z.object({ line: z.number().int(), action: z.enum(['create', 'update', 'refuse']), case: caseInputSchema.optional() })),
    problems: z.array(importProblemSchema),
    /** Problems beyond the first 1,000 are counted, not listed (the stored report has every line). */
    problemsOmitted: z.number().int(),
    duplicates: z.array(z.object({ id: z.string(), lines: z.array(z.number().int()) })),
    reportUrl: z.string().nullable(),
  })
  .meta({ id: 'ImportReport' })
export type ImportReport = z.infer<typeof importReportSchema>
