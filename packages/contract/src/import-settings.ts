import { z } from 'zod'

/** The choices an import can be told, or that are detected and reported: one list each, shared by API, editor and tests. */
export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'iso-8859-1', 'windows-1252'] as const
export const separators = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const
export const decimalMarks = { point: '.', comma: ',' } as const
export const thousandsMarks = { none: '', point: '.', comma: ',', space: ' ', apostrophe: "'" } as const
export const dateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const
export const fileFormats = ['csv', 'jsonl', 'xlsx'] as const

export type Encoding = (typeof encodings)[number]
export type Separator = keyof typeof separators
export type DecimalMark = keyof typeof decimalMarks
export type ThousandsMark = keyof typeof thousandsMarks
export type DateFormat = (typeof dateFormats)[number]
export type FileFormat = (typeof fileFormats)[number]

/** How a setting was chosen: told (`given`, or a saved `mapping`), read from the file, or not decidable from it. */
export type SettingSource = 'given' | 'mapping' | 'bom' | 'charset' | 'detected' | 'default' | 'undetermined'
export interface Setting<T> {
  value: T | null
  source: SettingSource
}

/** What a saved mapping remembers besides its columns (a finance team's weekly export). */
export const mappingSettingsSchema = z
  .object({
    encoding: z.enum(encodings).optional(),
    separator: z.enum(Object.keys(separators) as [Separator, ...Separator[]]).optional(),
    decimal: z.enum(Object.keys(decimalMarks) as [DecimalMark, ...DecimalMark[]]).optional(),
    thousands: z.enum(Object.keys(thousandsMarks) as [ThousandsMark, ...ThousandsMark[]]).optional(),
    dateFormat: z.enum(dateFormats).optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
      .transform((code) => code.toUpperCase())
      .optional(),
  })
  .strict()
export type MappingSettings = z.infer<typeof mappingSettingsSchema>

/** A file header to a target field (`id`, `debtor.email`, `attributes.segment`, `ignore`). */
export const columnMapSchema = z.record(z.string().max(200), z.string().max(200)).refine((map) => Object.keys(map).length <= 500, 'at most 500 columns')
export type ColumnMap = z.infer<typeof columnMapSchema>

export interface ImportOptions extends MappingSettings {
  dryRun?: boolean
  format?: FileFormat
  columns?: ColumnMap
  mapping?: string
  allOrNothing?: boolean
  sheet?: string
  fileName?: string
  /** The charset parameter of the request's Content-Type, if any. */
  declaredCharset?: string
}

/** A saved mapping as the API takes it (PUT) and shows it. */
export const importMappingBodySchema = z.object({ columns: columnMapSchema, settings: mappingSettingsSchema.default({}) }).strict()
export const importMappingSchema = z
  .object({ name: z.string(), columns: z.record(z.string(), z.string()), settings: mappingSettingsSchema, updatedAt: z.string() })
  .meta({ id: 'ImportMapping' })
export type ImportMapping = z.infer<typeof importMappingSchema>

/** The names of each choice, in the order a person is offered them. */
export const separatorNames = Object.keys(separators) as Separator[]
export const decimalMarkNames = Object.keys(decimalMarks) as DecimalMark[]
export const thousandsMarkNames = Object.keys(thousandsMarks) as ThousandsMark[]
