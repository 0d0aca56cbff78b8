import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { excelSeparatorLine } from './detect-separator'
import { overUnpackLimit, XLSX_LIMITS } from './xlsx-budget'
import { separators, type Encoding, type Separator } from '@dunwell/contract'

/** One value of a row as the file has it: text from CSV, typed values from a spreadsheet. */
export type Cell = string | number | Date | null

/** A row with the file's own line number (a spreadsheet's row number). */
export interface SourceRow {
  line: number
  cells: Cell[]
}

/** A row that cannot be read at all, on its line: it is refused, the rest of the file is read. */
export class UnreadableRow {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {}
}

/** Why reading stopped early: the rows before it were read. */
export class UnreadableFile extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
  }
}

/** The first bytes of a body (for detection) and the whole body again, without holding more than the sample. */
export async function peek(body: AsyncIterable<Uint8Array>, size: number): Promise<{ sample: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = body[Symbol.asyncIterator]()
  const head: Uint8Array[] = []
  let length = 0
  let done = false
  while (length < size) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    head.push(next.value)
    length += next.value.length
  }
  const sample = Buffer.concat(head)
  async function* all() {
    yield sample
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { sample, all: all() }
}

/** Text from bytes in the given encoding (a byte-order mark is dropped). */
export async function* decode(body: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding)
  for await (const chunk of body) {
    const text = decoder.decode(chunk, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

/**
 * Line breaks in a record's raw text. csv-parse's `raw` keeps only the first character of a two-character record
 * delimiter (`\r` of `\r\n`), while a quoted value keeps its `\r\n` whole: each of `\r\n`, `\r` and `\n` is one break.
 */
const newlines = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0

/** CSV or TSV rows with the line each starts on, counted in the file itself (quoted newlines and blank lines included). */
export async function* csvRows(text: AsyncIterable<string>, separator: Separator): AsyncIterable<SourceRow | UnreadableRow> {
  let consumed = 0
  /** Where the input was cut: a line longer than any row may be is never given to the parser. */
  let cut: number | undefined
  async function* wholeLines() {
    let first = true
    let carry = ''
    // Lines given to the parser, counting Excel's `sep=` line.
    let fed = 0
    for await (const chunk of text) {
      let piece = carry + chunk
      // Excel's `sep=` line is known only once the first line is whole.
      if (first && !piece.includes('\n') && piece.length <= MAX_LINE) {
        carry = piece
        continue
      }
      if (first && excelSeparatorLine(piece)) {
        consumed = 1
        fed = 1
        piece = piece.slice(piece.indexOf('\n') + 1)
      }
      first = false
      // Every line must fit the limit, however the body was cut into chunks: the same file reads the same way.
      let start = 0
      for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', start)) {
        if (at - start > MAX_LINE) break
        start = at + 1
      }
      if (start > 0) {
        fed += newlines(piece.slice(0, start))
        yield piece.slice(0, start)
      }
      carry = piece.slice(start)
      if (carry.indexOf('\n') > MAX_LINE || (carry.indexOf('\n') === -1 && carry.length > MAX_LINE)) {
        cut = fed + 1
        return
      }
    }
    if (carry) yield carry
  }
  const source = Readable.from(wholeLines())
  const parser = source.pipe(
    parse({
      delimiter: separators[separator],
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      // A row that cannot be read is reported on its line and the rest of the file is read on.
      skip_records_with_error: true,
    }),
  )
  // `pipe` does not pass an error on: a body that fails (e.g. cut by the import's limit) must end the parser with it.
  source.on('error', (error) => parser.destroy(error))
  // Skips are told while the parser reads ahead: each is placed after the records it followed, and numbered then.
  const skipped: { after: number; reason: string }[] = []
  parser.on('skip', (error: { code?: string }) =>
    skipped.push({ after: (parser as unknown as { info: { records: number } }).info.records, reason: reasonOf(error) }),
  )
  function* skippedUpTo(records: number): Generator<UnreadableRow> {
    while (skipped.length > 0 && skipped[0]!.after <= records) {
      // The row's own text is not given back: it is counted as one line (a row over 1 MB with quoted line breaks
      // would shift the lines after it).
      consumed += 1
      yield new UnreadableRow(consumed, skipped.shift()!.reason)
    }
  }
  let records = 0
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    yield* skippedUpTo(records)
    records++
    const leading = /^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(raw)![0]
    const line = consumed + newlines(leading) + 1
    consumed += newlines(raw)
    yield { line, cells: record }
  }
  yield* skippedUpTo(Number.POSITIVE_INFINITY)
  if (cut !== undefined) throw new UnreadableFile(cut, `the file cannot be read from line ${cut} on: the line is longer than 1 MB`)
}

function reasonOf(error: { code?: string; message?: string }): string {
  return error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted value is never closed' : (error.message ?? String(error))
}

const MAX_LINE = 1024 * 1024

/** A spreadsheet cell's value: rich text as its text, a formula as its result, a hyperlink as its text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text)
    if ('error' in value) return null
  }
  return String(value)
}

/**
 * The rows of one sheet of an .xlsx (the first, or the one named), streamed. The upload is kept in a temporary file
 * first: a zip is read from its end, and its parts are measured unpacked before the reader holds any of them.
 */
export async function* xlsxRows(body: AsyncIterable<Uint8Array>, sheet?: string, limits = XLSX_LIMITS): AsyncIterable<SourceRow> {
  const folder = await mkdtemp(join(tmpdir(), 'dunwell-xlsx-'))
  try {
    const file = join(folder, 'upload.xlsx')
    await pipeline(Readable.from(body), createWriteStream(file))
    const over = await overUnpackLimit(file, limits).catch((error: unknown) => {
      throw new UnreadableFile(1, `the file is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`)
    })
    if (over) throw new UnreadableFile(1, over)
    yield* sheetRows(createReadStream(file), sheet)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

async function* sheetRows(input: Readable, sheet: string | undefined): AsyncIterable<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  })
  let found = false
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name
      if (found || (sheet !== undefined && name !== sheet)) {
        // The rest of the workbook must still be read through for the stream to end.
        for await (const _ of worksheet) void _
        continue
      }
      found = true
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[]
        const cells: Cell[] = []
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]))
        if (cells.every((cell) => cell === null || cell === '')) continue
        yield { line: row.number, cells }
      }
    }
  } catch (error) {
    throw new UnreadableFile(1, `the file is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!found) throw new UnreadableFile(1, sheet === undefined ? 'the workbook has no sheet' : `the workbook has no sheet named “${sheet}”`)
}

/** JSON Lines: each non-blank line with its number. */
export async function* jsonLines(text: AsyncIterable<string>): AsyncIterable<{ line: number; text: string }> {
  let buffer = ''
  let line = 0
  for await (const chunk of text) {
    buffer += chunk
    let start = 0
    for (let at = buffer.indexOf('\n'); at !== -1; at = buffer.indexOf('\n', start)) {
      line++
      const current = buffer.slice(start, at)
      start = at + 1
      if (current.trim() !== '') yield { line, text: current }
    }
    buffer = buffer.slice(start)
    if (buffer.length > 1024 * 1024) throw new UnreadableFile(line + 1, 'a line is longer than 1 MB')
  }
  if (buffer.trim() !== '') yield { line: line + 1, text: buffer }
}
