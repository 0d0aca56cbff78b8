import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { UpsertResult } from '../engine/ingest'
import type { CaseInput } from '@dunwell/contract'
import { resolveColumns, type ResolvedColumn } from './column-targets'
import { proposeDateFormat } from './date-format'
import { detectEncoding } from './detect-encoding'
import { detectSeparator } from './detect-separator'
import type { ImportProblem, ImportReport } from '@dunwell/contract'
import type { FileFormat, ImportOptions, MappingSettings, Setting } from '@dunwell/contract'
import { importStore, type SavedMapping } from './import-store'
import { jsonLineToCase } from './json-line-to-case'
import { proposeNumberFormat } from './number-format'
import { UploadTooLarge } from './upload-limit'
import { csvRows, decode, jsonLines, peek, UnreadableFile, UnreadableRow, xlsxRows, type SourceRow } from './read-rows'
import { rowToCase, type ConvertedRow, type RowSettings } from './row-to-case'

export interface ImportDeps {
  db: Kysely<Database>
  /** Stores cases as the engine does (and tells running journeys what changed). */
  upsertCases: (cases: CaseInput[]) => Promise<UpsertResult>
  now: () => number
}

/** A request the import cannot start on: an unknown mapping, an empty file. */
export class ImportRefused extends Error {
  constructor(
    readonly status: 404 | 413 | 415 | 422,
    message: string,
  ) {
    super(message)
  }
}

const SAMPLE_BYTES = 256 * 1024
const SAMPLE_ROWS = 1000
const BATCH = 1000
const LISTED = 1000
const PREVIEW = 20

/** The file's kind from its first bytes: a zip is a workbook, `{` starts JSON Lines, the rest is CSV. */
export function sniffFormat(sample: Uint8Array): FileFormat {
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) return 'xlsx'
  const start = new TextDecoder('utf-8')
    .decode(sample.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart()
  return start.startsWith('{') ? 'jsonl' : 'csv'
}

const required = ['id', 'amountDue', 'dueDate'] as const

/**
 * Reads a file of cases (CSV, TSV, JSON Lines or .xlsx) as it streams in, and stores it — or, as a dry run, says what
 * it would store. Nothing is guessed in silence: every setting says how it was chosen, every column where it goes,
 * and every value that cannot be read one way only is a problem on its line.
 */
export async function importCases(deps: ImportDeps, body: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportReport> {
  try {
    return await readAndStore(deps, body, options)
  } catch (error) {
    // Cut before the first row was read (a workbook is read whole first): nothing was stored.
    if (error instanceof UploadTooLarge) throw new ImportRefused(413, `${error.message}: nothing was stored`)
    throw error
  }
}

async function readAndStore(deps: ImportDeps, body: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportReport> {
  const store = importStore(deps.db)
  let saved: SavedMapping | undefined
  if (options.mapping !== undefined) {
    saved = await store.mapping(options.mapping)
    if (!saved) throw new ImportRefused(404, `no saved mapping "${options.mapping}"`)
  }
  const pick = <K extends keyof MappingSettings>(key: K): { value?: MappingSettings[K]; fromMapping: boolean } =>
    options[key] !== undefined ? { value: options[key], fromMapping: false } : { value: saved?.settings[key], fromMapping: saved?.settings[key] !== undefined }

  const { sample, all } = await peek(body, SAMPLE_BYTES)
  if (sample.length === 0) throw new ImportRefused(422, 'the file is empty')
  const format = options.format ?? sniffFormat(sample)
  const dryRun = options.dryRun === true
  const importId = dryRun ? null : `imp_${randomBytes(9).toString('base64url')}`
  if (importId) await store.startImport(importId, options.fileName, format, deps.now())

  const problems: ImportProblem[] = []
  let problemsOmitted = 0
  const note = (problem: ImportProblem) => (problems.length < LISTED ? problems.push(problem) : problemsOmitted++)
  const settings: ImportReport['settings'] = {
    decimal: { value: null, source: 'undetermined' },
    thousands: { value: null, source: 'undetermined' },
    dateFormat: { value: null, source: 'undetermined' },
    currency: { value: null, source: 'undetermined' },
  }
  const currency = pick('currency')
  if (currency.value) settings.currency = { value: currency.value, source: currency.fromMapping ? 'mapping' : 'given' }

  let columns: ResolvedColumn[] = []
  let converted: AsyncIterable<ConvertedRow>
  if (format === 'jsonl') {
    const encoding = pick('encoding')
    settings.encoding = detectEncoding(sample, encoding.value, options.declaredCharset, encoding.fromMapping)
    converted = (async function* () {
      for await (const { line, text } of jsonLines(decode(all, settings.encoding!.value!))) yield jsonLineToCase(line, text)
    })()
  } else {
    let rows: AsyncIterable<SourceRow | UnreadableRow>
    if (format === 'csv') {
      const encoding = pick('encoding')
      settings.encoding = detectEncoding(sample, encoding.value, options.declaredCharset, encoding.fromMapping)
      const separator = pick('separator')
      settings.separator = separator.value
        ? { value: separator.value, source: separator.fromMapping ? 'mapping' : 'given' }
        : detectSeparator(new TextDecoder(settings.encoding.value!).decode(sample))
      rows = csvRows(decode(all, settings.encoding.value!), settings.separator.value!)
    } else rows = xlsxRows(all, options.sheet)
    const iterator = rows[Symbol.asyncIterator]()
    const header = await iterator.next().catch((error: unknown) => {
      if (error instanceof UnreadableFile) throw new ImportRefused(422, error.message)
      throw error
    })
    if (header.done) throw new ImportRefused(422, 'the file has no header row')
    if (header.value instanceof UnreadableRow) throw new ImportRefused(422, `the header row cannot be read: ${header.value.reason}`)
    const headers = header.value.cells.map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell ?? '').trim()))
    columns = resolveColumns(headers, options.columns, saved?.columns)
    const headerLine = header.value.line
    // Two columns for one field: the first is read, the other is named.
    const taken = new Map<string, string>()
    for (const column of columns) {
      if (column.target === null || column.target === 'ignore') continue
      const first = taken.get(column.target)
      if (first !== undefined) {
        note({ line: headerLine, column: column.header, severity: 'warning', message: `also maps to ${column.target}: only the column “${first}” is read` })
        column.target = null
        column.source = 'unmapped'
      } else taken.set(column.target, column.header)
    }
    for (const column of columns) {
      if (column.source === 'unmapped' && column.header !== '') {
        note({
          line: headerLine,
          column: column.header,
          severity: 'warning',
          message: 'is not imported: map it to a field or to attributes.<name>, or choose to ignore it',
        })
      }
    }
    const missing = [...required, ...(settings.currency.value ? [] : (['currency'] as const))].filter((target) => !taken.has(target))
    for (const target of missing) {
      note({
        line: headerLine,
        severity: 'error',
        message:
          target === 'currency'
            ? 'no column for currency: map one, or give the import a currency'
            : `no column for ${target}: map one of the file’s columns to it`,
      })
    }

    const head: (SourceRow | UnreadableRow)[] = []
    let ended = false
    let unreadable: UnreadableFile | undefined
    try {
      while (head.length < SAMPLE_ROWS) {
        const next = await iterator.next()
        if (next.done) {
          ended = true
          break
        }
        head.push(next.value)
      }
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error
      unreadable = error
      ended = true
    }
    const textsOf = (...targets: string[]) =>
      columns
        .filter((column) => column.target !== null && targets.includes(column.target))
        .flatMap((column) =>
          head
            .flatMap((row) => (row instanceof UnreadableRow ? [] : [row.cells[column.index]]))
            .filter((cell): cell is string => typeof cell === 'string' && cell.trim() !== ''),
        )
    const decimal = pick('decimal')
    const thousands = pick('thousands')
    const numbers = proposeNumberFormat(
      textsOf('amountDue', 'balance'),
      { ...(decimal.value ? { decimal: decimal.value } : {}), ...(thousands.value ? { thousands: thousands.value } : {}) },
      decimal.fromMapping || thousands.fromMapping,
    )
    settings.decimal = numbers.decimal
    settings.thousands = numbers.thousands
    const dateFormat = pick('dateFormat')
    settings.dateFormat = proposeDateFormat(textsOf('dueDate', 'debtor.birthDate'), dateFormat.value, dateFormat.fromMapping)
    const rowSettings: RowSettings = { numbers, dates: settings.dateFormat as Setting<never>, currency: settings.currency }
    const blocked = missing.length > 0
    const convert = (row: SourceRow | UnreadableRow): ConvertedRow =>
      row instanceof UnreadableRow
        ? { line: row.line, problems: [{ line: row.line, severity: 'error', message: `cannot be read: ${row.reason}` }] }
        : blocked
          ? { line: row.line, problems: [] }
          : rowToCase(row, columns, rowSettings)
    converted = (async function* () {
      for (const row of head) yield convert(row)
      if (unreadable) throw unreadable
      if (ended) return
      for (;;) {
        const next = await iterator.next()
        if (next.done) return
        yield convert(next.value)
      }
    })()
  }

  const counts = { create: 0, update: 0, refuse: 0 }
  const preview: ImportReport['preview'] = []
  // Ids seen so far live in the database, not in memory: a file of millions of rows imports in bounded memory.
  const seenKey = importId ?? `dry_${randomBytes(9).toString('base64url')}`
  const duplicates = new Map<string, number[]>()
  let rowsRead = 0
  let staged = 0
  const allOrNothing = options.allOrNothing === true && !dryRun

  async function flush(batch: ConvertedRow[]) {
    const earlier = await store.seenIds(
      seenKey,
      batch.flatMap((row) => (row.case ? [row.case.id] : [])),
    )
    const firsts: { id: string; line: number }[] = []
    for (const row of batch) {
      if (!row.case) continue
      const seen = earlier.get(row.case.id)
      if (seen !== undefined) {
        const lines = duplicates.get(row.case.id) ?? [seen]
        lines.push(row.line)
        if (duplicates.size < LISTED || duplicates.has(row.case.id)) duplicates.set(row.case.id, lines)
        row.problems.push({ line: row.line, id: row.case.id, severity: 'error', message: `the id is also on line ${seen}: only that line is imported` })
        delete row.case
      } else {
        earlier.set(row.case.id, row.line)
        firsts.push({ id: row.case.id, line: row.line })
      }
    }
    await store.markSeen(seenKey, firsts)
    const ids = batch.flatMap((row) => (row.case ? [row.case.id] : []))
    const existing = await store.existingIds(ids)
    const actions = new Map<ConvertedRow, 'create' | 'update' | 'refuse'>()
    for (const row of batch) actions.set(row, row.case ? (existing.has(row.case.id) ? 'update' : 'create') : 'refuse')
    const cases = batch.filter((row) => row.case).map((row) => row.case!)
    if (!dryRun && cases.length > 0) {
      if (allOrNothing) {
        await store.stage(
          importId!,
          staged,
          cases.map((c) => JSON.stringify(c)),
        )
        staged += cases.length
      } else {
        // What the engine refuses after all (it checks amounts against the currency once more) is refused here too.
        const result = await deps.upsertCases(cases)
        for (const error of result.errors) {
          const row = batch.find((r) => r.case?.id === error.id)
          if (row) {
            actions.set(row, 'refuse')
            row.problems.push({ line: row.line, id: error.id, severity: 'error', message: error.message })
          }
        }
      }
    }
    const lines: Database['case_import_lines'][] = []
    for (const row of batch) {
      const action = actions.get(row)!
      counts[action]++
      for (const problem of row.problems) note(problem)
      if (preview.length < PREVIEW) preview.push({ line: row.line, action, ...(row.case && action !== 'refuse' ? { case: row.case } : {}) })
      if (importId) {
        const outcome = action === 'create' ? 'created' : action === 'update' ? 'updated' : 'refused'
        const base = { import_id: importId, line: row.line, case_id: row.case?.id ?? row.id ?? null }
        lines.push({ ...base, seq: 0, outcome, column_name: null, message: null })
        for (const problem of row.problems)
          lines.push({
            ...base,
            seq: 0,
            outcome: problem.severity === 'error' ? 'refused' : 'warning',
            column_name: problem.column ?? null,
            message: problem.message,
          })
      }
    }
    if (importId) {
      lines.forEach((line, i) => (line.seq = seq + i))
      seq += lines.length
      await store.addLines(lines)
    }
  }
  let seq = 0

  let batch: ConvertedRow[] = []
  let cut: UploadTooLarge | undefined
  try {
    try {
      for await (const row of converted) {
        rowsRead++
        batch.push(row)
        if (batch.length >= BATCH) {
          await flush(batch)
          batch = []
        }
      }
    } catch (error) {
      if (error instanceof UploadTooLarge) cut = error
      else if (!(error instanceof UnreadableFile)) throw error
      else {
        note({ line: error.line, severity: 'error', message: error.message })
        counts.refuse++
      }
    }
    // The rows read in full before a cut are kept, as good lines are (unless all or nothing).
    await flush(batch)
  } finally {
    await store.forgetSeen(seenKey)
  }

  let stored = !dryRun
  if (allOrNothing) {
    const refused = cut !== undefined || counts.refuse > 0 || problems.some((problem) => problem.severity === 'error')
    if (!refused) {
      for (let from = 0; from < staged; from += BATCH)
        await deps.upsertCases((await store.staged(importId!, from, BATCH)).map((body) => JSON.parse(body) as CaseInput))
    }
    await store.dropStaged(importId!)
    stored = !refused
  }
  if (importId) await store.finishImport(importId, settings, counts, stored, deps.now())
  if (cut) {
    if (dryRun) throw new ImportRefused(413, `${cut.message}: send less for a preview (its first rows are enough)`)
    if (allOrNothing) throw new ImportRefused(413, `${cut.message}: the import stopped there and stored nothing (all or nothing)`)
    throw new ImportRefused(
      413,
      `${cut.message}: the import stopped there; the rows before were imported (${counts.create} created, ${counts.update} updated, ${counts.refuse} refused); its report: /api/cases/imports/${importId}/report.csv`,
    )
  }
  return {
    importId,
    dryRun,
    stored,
    format,
    settings,
    columns: columns.map(({ index, header, target, source }) => ({ index, header, target, source })),
    rows: rowsRead,
    counts,
    preview,
    problems: problems.sort((a, b) => a.line - b.line),
    problemsOmitted,
    duplicates: [...duplicates.entries()].map(([id, lines]) => ({ id, lines })),
    reportUrl: importId ? `/api/cases/imports/${importId}/report.csv` : null,
  }
}
