import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { excelSeparatorLine } from './detect-separator'
import { separators, type Encoding, type Separator } from './import-settings'

/** One value of a row as the file has it: text from CSV, typed values from a spreadsheet. */
export type Cell = string | number | Date | null

/** A row with the file's own line number (a spreadsheet's row number). */
export interface SourceRow {
  line: number
  cells: Cell[]
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
export async function* csvRows(text: AsyncIterable<string>, separator: Separator): AsyncIterable<SourceRow> {
  let consumed = 0
  async function* withoutExcelLine() {
    let first = true
    for await (const chunk of text) {
      if (first && excelSeparatorLine(chunk)) {
        consumed = 1
        yield chunk.slice(chunk.indexOf('\n') + 1)
      } else yield chunk
      first = false
    }
  }
  const parser = Readable.from(withoutExcelLine()).pipe(
    parse({ delimiter: separators[separator], raw: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 1024 * 1024 }),
  )
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const leading = /^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(raw)![0]
      const line = consumed + newlines(leading) + 1
      consumed += newlines(raw)
      yield { line, cells: record }
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    const reason =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is never closed'
        : code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quote ends a value in the middle (write "" for a quote inside a quoted value)'
          : code === 'CSV_MAX_RECORD_SIZE'
            ? 'a row is longer than 1 MB'
            : error instanceof Error
              ? error.message
              : String(error)
    throw new UnreadableFile(consumed + 1, `the file cannot be read from here on: ${reason}`)
  }
}

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

/** The rows of one sheet of an .xlsx (the first, or the one named), streamed. */
export async function* xlsxRows(body: AsyncIterable<Uint8Array>, sheet?: string): AsyncIterable<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' })
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
