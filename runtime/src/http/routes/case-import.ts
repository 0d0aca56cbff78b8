import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { isTarget } from '../../import/column-targets'
import { encodingOf } from '../../import/detect-encoding'
import { ImportRefused, importCases } from '../../import/import-cases'
import {
  importReportSchema,
  importMappingBodySchema,
  importMappingSchema,
  columnMapSchema,
  dateFormats,
  decimalMarks,
  encodings,
  fileFormats,
  separators,
  thousandsMarks,
  type ImportOptions,
} from '@dunwell/contract'
import { importStore } from '../../import/import-store'
import { limitUpload } from '../../import/upload-limit'
import { reportCsv } from '../../import/report-csv'
import type { AppEnv, AppOptions } from '../app-types'
import { bodyLimits } from '../body-limits'
import { guard } from '../guard'
import { problem } from '../problem'
import { jsonResponse as json, notFound, problemResponses, problemOf, bodyProblems } from '../schemas'

const names = <T extends Record<string, unknown>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]]
const flag = z.enum(['true', 'false']).optional()

const importQuery = z.object({
  dryRun: flag.openapi({ description: 'Only say what would be stored: nothing is written.' }),
  format: z.enum(fileFormats).optional().openapi({ description: 'Detected from the Content-Type and the first bytes when absent.' }),
  encoding: z.enum(encodings).optional(),
  separator: z.enum(names(separators)).optional(),
  decimal: z.enum(names(decimalMarks)).optional(),
  thousands: z.enum(names(thousandsMarks)).optional(),
  dateFormat: z.enum(dateFormats).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional()
    .openapi({ description: 'The currency of rows that have no currency column.' }),
  columns: z.string().max(20_000).optional().openapi({
    description: 'JSON: file header → target (`id`, `debtor.email`, `attributes.segment`, `ignore`).',
    example: '{"Kundennr":"id","Notiz":"attributes.note"}',
  }),
  mapping: z.string().max(100).optional().openapi({ description: 'A saved mapping’s name: its columns and settings (explicit parameters win).' }),
  allOrNothing: flag.openapi({ description: 'Store nothing when any line is refused.' }),
  sheet: z.string().max(200).optional().openapi({ description: 'The sheet of an .xlsx (the first by default).' }),
  fileName: z.string().max(300).optional(),
})

const formatOfType: Record<string, ImportOptions['format']> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json-lines': 'jsonl',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}
/** The media types the import reads (the strict Content-Type check refuses the rest before the route runs). */
export const importMediaTypes: readonly string[] = [...Object.keys(formatOfType), 'application/octet-stream']
const acceptedTypes = importMediaTypes
// Declared in the OpenAPI document: zod-openapi would validate the body of any application/json… type as JSON.
const declaredTypes = acceptedTypes.filter((type) => !/^application\/json/.test(type))

const mappingName = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'weekly-export' }),
})
function badTargets(columns: Record<string, string>): { path: string; message: string }[] {
  return Object.entries(columns)
    .filter(([, target]) => !isTarget(target))
    .map(([header, target]) => ({
      path: `columns.${header}`,
      message: `“${target}” is not a field: use id, amountDue, balance, currency, dueDate, debtor.…, attributes.<name> or ignore`,
    }))
}

export function caseImportRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { db, engine } = options
  const store = importStore(db)
  const importLimit = bodyLimits(options.limits).import

  return app
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'importCases',
        path: '/api/cases/import',
        tags: ['cases'],
        summary: 'Import cases from CSV, TSV, JSON Lines or Excel, or preview the import (dry run)',
        description:
          'Send the file’s bytes as they are. The encoding (BOM, `charset`, or detected), the separator (also Excel’s `sep=` line), the number and date formats and each column’s field (by name, or by common English and German headers such as Rechnungsnummer, Vorname, E-Mail, Betrag, Fällig am) are detected and reported with how each was chosen; give any of them to override. A value that reads two ways (`1.000` with no number format known, `03/04/2026`) is a problem on its line, never a guess. Good lines are stored even when others are refused, unless `allOrNothing`. The file streams: it may be far larger than other bodies.',
        middleware: guard(options, 'cases:write'),
        request: {
          query: importQuery,
          body: { content: Object.fromEntries(declaredTypes.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])), required: true },
        },
        responses: {
          200: json(importReportSchema, 'What was stored (or would be, for a dry run): settings, columns, counts, preview, problems by line'),
          ...problemResponses,
          ...bodyProblems,
          404: problemOf('No saved mapping of that name'),
          415: problemOf('Not a kind of file the import reads'),
          422: problemOf('The file cannot be read at all (empty, no header row, not a workbook)'),
        },
      }),
      async (c) => {
        const query = c.req.valid('query')
        const contentType = (c.req.header('content-type') ?? '').toLowerCase()
        const mediaType = contentType.split(';')[0]!.trim()
        if (!acceptedTypes.includes(mediaType)) return problem(c, 415, `send the file as one of ${acceptedTypes.join(', ')}`)
        const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim()
        if (charset && !encodingOf(charset)) return problem(c, 415, `the charset "${charset}" is not one the import reads (${encodings.join(', ')})`)
        let columns: Record<string, string> | undefined
        if (query.columns !== undefined) {
          let parsed: unknown
          try {
            parsed = JSON.parse(query.columns)
          } catch {
            return problem(c, 400, 'columns is not JSON: send an object of file header → field', { errors: [{ path: 'columns', message: 'is not JSON' }] })
          }
          const checked = columnMapSchema.safeParse(parsed)
          if (!checked.success)
            return problem(c, 400, 'columns must be an object of file header → field', {
              errors: [{ path: 'columns', message: checked.error.issues[0]!.message }],
            })
          const wrong = badTargets(checked.data)
          if (wrong.length > 0) return problem(c, 400, `${wrong[0]!.path}: ${wrong[0]!.message}`, { errors: wrong })
          columns = checked.data
        }
        const body = c.req.raw.body
        if (!body) return problem(c, 422, 'the file is empty')
        const optionsForImport: ImportOptions = {
          dryRun: query.dryRun === 'true',
          allOrNothing: query.allOrNothing === 'true',
          ...(query.format ? { format: query.format } : formatOfType[mediaType] ? { format: formatOfType[mediaType] } : {}),
          ...(query.encoding ? { encoding: query.encoding } : {}),
          ...(query.separator ? { separator: query.separator } : mediaType === 'text/tab-separated-values' ? { separator: 'tab' as const } : {}),
          ...(query.decimal ? { decimal: query.decimal } : {}),
          ...(query.thousands ? { thousands: query.thousands } : {}),
          ...(query.dateFormat ? { dateFormat: query.dateFormat } : {}),
          ...(query.currency ? { currency: query.currency.toUpperCase() } : {}),
          ...(columns ? { columns } : {}),
          ...(query.mapping ? { mapping: query.mapping } : {}),
          ...(query.sheet ? { sheet: query.sheet } : {}),
          ...(query.fileName ? { fileName: query.fileName } : {}),
          ...(charset ? { declaredCharset: charset } : {}),
        }
        try {
          const report = await importCases(
            { db, upsertCases: (cases) => engine.upsertCases(cases), now: () => engine.clock.now() },
            limitUpload(body as unknown as AsyncIterable<Uint8Array>, importLimit),
            optionsForImport,
          )
          return c.json(report, 200)
        } catch (error) {
          if (error instanceof ImportRefused) {
            // The rest of a cut body is never read: the client must not reuse this connection.
            if (error.status === 413) c.header('Connection', 'close')
            return problem(c, error.status, error.message)
          }
          throw error
        }
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getImportReport',
        path: '/api/cases/imports/{id}/report.csv',
        tags: ['cases'],
        summary: 'The report of an import, a line per row: created, updated or refused, and why',
        middleware: guard(options, 'cases:read'),
        request: {
          params: z.object({
            id: z
              .string()
              .max(40)
              .openapi({ param: { name: 'id', in: 'path' } }),
          }),
        },
        responses: {
          200: { description: 'CSV (UTF-8 with BOM, so that Excel reads it right)', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses,
          ...notFound,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const found = await store.report(id)
        if (!found) return problem(c, 404, `no import "${id}"`)
        const name = (found.run.file_name ?? 'import')
          .replace(/\.[^.]+$/, '')
          .replace(/[^\w.-]+/g, '_')
          .slice(0, 80)
        return new Response(reportCsv(found.lines), {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}-report.csv"` },
        }) as never
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'listImportMappings',
        path: '/api/import-mappings',
        tags: ['cases'],
        summary: 'Saved import mappings',
        middleware: guard(options, 'cases:read'),
        responses: { 200: json(z.array(importMappingSchema), 'By name'), ...problemResponses },
      }),
      async (c) => c.json(await store.mappings(), 200),
    )

    .openapi(
      createRoute({
        method: 'put',
        operationId: 'putImportMapping',
        path: '/api/import-mappings/{name}',
        tags: ['cases'],
        summary: 'Save an import mapping (columns and settings) under a name, to reuse for the next file',
        middleware: guard(options, 'cases:write'),
        request: { params: mappingName, body: { content: { 'application/json': { schema: importMappingBodySchema } }, required: true } },
        responses: { 200: json(importMappingSchema, 'Updated'), 201: json(importMappingSchema, 'Created'), ...problemResponses, ...bodyProblems },
      }),
      async (c) => {
        const { name } = c.req.valid('param')
        const body = c.req.valid('json')
        const wrong = badTargets(body.columns)
        if (wrong.length > 0) return problem(c, 400, `${wrong[0]!.path}: ${wrong[0]!.message}`, { errors: wrong })
        const created = await store.saveMapping(name, body.columns, body.settings, engine.clock.now())
        const saved = (await store.mapping(name))!
        return created ? c.json(saved, 201) : c.json(saved, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'delete',
        operationId: 'deleteImportMapping',
        path: '/api/import-mappings/{name}',
        tags: ['cases'],
        summary: 'Delete a saved import mapping',
        middleware: guard(options, 'cases:write'),
        request: { params: mappingName },
        responses: { 204: { description: 'Deleted' }, ...problemResponses, ...notFound },
      }),
      async (c) =>
        (await store.deleteMapping(c.req.valid('param').name))
          ? (c.body(null, 204) as never)
          : problem(c, 404, `no saved mapping "${c.req.valid('param').name}"`),
    )
}
