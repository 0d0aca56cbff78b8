import { caseInputSchema, type CaseInput } from '@dunwell/contract'
import { minorDigits } from '@dunwell/contract'
import { caseIssues } from './case-issues'
import type { ResolvedColumn } from './column-targets'
import type { CaseTarget } from '@dunwell/contract'
import { readDate } from './date-format'
import type { ImportProblem } from '@dunwell/contract'
import type { DateFormat, Setting } from '@dunwell/contract'
import { normaliseCountry, normaliseCurrency, normaliseEmail, normaliseLocale, normalisePhone, normaliseRegion, type Normalised } from './normalize-contact'
import { readAmount, type NumberFormat } from './number-format'
import type { Cell, SourceRow } from './read-rows'

export interface RowSettings {
  numbers: NumberFormat
  dates: Setting<DateFormat>
  /** For rows without a currency column. */
  currency: Setting<string>
}

export interface ConvertedRow {
  line: number
  case?: CaseInput
  /** The id as the file has it, also for a refused row (for the report). */
  id?: string
  problems: ImportProblem[]
}

const text = (cell: Cell): string => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null ? '' : String(cell).trim())
const shown = (cell: Cell) => text(cell).slice(0, 200)

/** Where a problem in the case's zod validation points, in the file's columns. */
function columnOf(path: readonly PropertyKey[], columns: readonly ResolvedColumn[]): string | undefined {
  const dotted = path.map(String).join('.')
  const target = dotted.replace(/^debtor\.address\.lines\.0$/, 'debtor.address.line1').replace(/^debtor\.address\.lines\.1$/, 'debtor.address.line2')
  return columns.find((column) => column.target === target || (column.target !== null && target.startsWith(`${column.target}.`)))?.header
}

/** One row of a CSV or spreadsheet into a case as it would be stored, or the problems that refuse it, each naming its column. */
export function rowToCase(row: SourceRow, columns: readonly ResolvedColumn[], settings: RowSettings): ConvertedRow {
  const problems: ImportProblem[] = []
  const values = new Map<string, { cell: Cell; header: string }>()
  for (const column of columns) {
    if (column.target === null || column.target === 'ignore') continue
    const cell = row.cells[column.index] ?? null
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) continue
    if (typeof cell === 'string' && cell.includes('\uFFFD')) {
      problems.push({
        line: row.line,
        column: column.header,
        value: shown(cell),
        severity: 'error',
        message: 'has characters the chosen encoding cannot read: choose the file’s encoding',
      })
      continue
    }
    values.set(column.target, { cell, header: column.header })
  }
  const headerCount = columns.length
  if (row.cells.length > headerCount && row.cells.slice(headerCount).some((cell) => text(cell) !== '')) {
    problems.push({
      line: row.line,
      severity: 'error',
      message: `has ${row.cells.length} values but the header names ${headerCount} columns: is the separator inside a value that is not in quotes?`,
    })
  }
  const id = values.has('id') ? text(values.get('id')!.cell) : undefined
  const fail = (target: string, message: string) => {
    const value = values.get(target)
    problems.push({ line: row.line, ...(id ? { id } : {}), ...(value ? { column: value.header, value: shown(value.cell) } : {}), severity: 'error', message })
  }
  const warn = (target: string, message: string) => {
    const value = values.get(target)!
    problems.push({ line: row.line, ...(id ? { id } : {}), column: value.header, value: shown(value.cell), severity: 'warning', message })
  }
  /** A normalised text field, or undefined (the problem recorded). */
  const normalised = (target: CaseTarget, normalise: (raw: string) => Normalised): string | undefined => {
    const value = values.get(target)
    if (!value) return undefined
    const result = normalise(text(value.cell))
    if (!result.ok) return void fail(target, result.message)
    if (result.warning) warn(target, result.warning)
    return result.value
  }

  let currency = normalised('currency', normaliseCurrency)
  if (!values.has('currency')) currency = settings.currency.value ?? undefined
  const digits = currency ? minorDigits(currency) : 2
  const amount = (target: 'amountDue' | 'balance'): number | undefined => {
    const value = values.get(target)
    if (!value) return undefined
    if (typeof value.cell === 'number') return value.cell
    if (value.cell instanceof Date) return void fail(target, 'is a date, not an amount')
    const read = readAmount(text(value.cell), settings.numbers, digits)
    if (!read.ok) return void fail(target, read.message)
    if (read.value.currency && currency && read.value.currency !== currency)
      return void fail(target, `is in ${read.value.currency}, but the case's currency is ${currency}`)
    return read.value.value
  }
  const date = (target: 'dueDate' | 'debtor.birthDate'): string | undefined => {
    const value = values.get(target)
    if (!value) return undefined
    const read = readDate(typeof value.cell === 'number' ? String(value.cell) : value.cell!, settings.dates)
    return read.ok ? read.value : void fail(target, read.message)
  }
  const plain = (target: CaseTarget) => (values.has(target) ? text(values.get(target)!.cell) : undefined)

  const country = normalised('debtor.country', normaliseCountry)
  const addressCountry = values.has('debtor.address.country') ? normalised('debtor.address.country', normaliseCountry) : country
  const debtor = {
    firstName: plain('debtor.firstName'),
    lastName: plain('debtor.lastName'),
    email: normalised('debtor.email', normaliseEmail),
    phone: normalised('debtor.phone', (raw) => normalisePhone(raw, country ?? addressCountry)),
    locale: normalised('debtor.locale', normaliseLocale),
    timezone: plain('debtor.timezone'),
    country,
    region: normalised('debtor.region', (raw) => normaliseRegion(raw, country)),
    birthDate: date('debtor.birthDate'),
  }
  const line1 = plain('debtor.address.line1')
  const city = plain('debtor.address.city')
  const postalCode = plain('debtor.address.postalCode')
  const hasAddress = line1 !== undefined || city !== undefined || postalCode !== undefined || values.has('debtor.address.line2')
  const attributes: Record<string, string | number> = {}
  for (const [target, value] of values) {
    if (target.startsWith('attributes.'))
      attributes[target.slice('attributes.'.length)] = value.cell instanceof Date ? text(value.cell) : (value.cell as string | number)
  }
  const candidate = {
    id,
    debtor: {
      ...Object.fromEntries(Object.entries(debtor).filter(([, value]) => value !== undefined)),
      ...(hasAddress
        ? {
            address: {
              lines: [line1, plain('debtor.address.line2')].filter((line): line is string => !!line),
              ...(postalCode ? { postalCode } : {}),
              city,
              country: addressCountry,
            },
          }
        : {}),
    },
    amountDue: amount('amountDue'),
    ...(values.has('balance') ? { balance: amount('balance') } : {}),
    currency,
    dueDate: date('dueDate'),
    attributes,
  }
  if (problems.some((problem) => problem.severity === 'error')) return { line: row.line, ...(id ? { id } : {}), problems }
  const parsed = caseInputSchema.safeParse(candidate)
  if (!parsed.success) {
    problems.push(...caseIssues(parsed.error.issues, row.line, id, (path) => columnOf(path, columns)))
    return { line: row.line, ...(id ? { id } : {}), problems }
  }
  return { line: row.line, case: parsed.data, ...(id ? { id } : {}), problems }
}
