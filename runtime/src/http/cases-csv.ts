import { parse } from 'csv-parse/sync'
import { caseInputSchema, type CaseInput } from '../wire/case-input'
import type { JsonlResult } from '../wire/parse-jsonl'

const debtorColumns = ['firstName', 'lastName', 'email', 'phone', 'locale', 'timezone', 'country', 'region', 'birthDate'] as const

/** A CSV of cases (one per row, a header row naming the columns) read into the same shape as JSON Lines. */
export function parseCasesCsv(text: string): JsonlResult<CaseInput> {
  const result: JsonlResult<CaseInput> = { items: [], errors: [] }
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    // `info` gives each record's own line in the file, whatever quoted newlines or blank lines came before.
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false, info: true })
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { items: [], errors: [{ line, message: `not valid CSV: ${error instanceof Error ? error.message : String(error)}` }] }
  }
  rows.forEach(({ record: row, info }) => {
    const line = info.lines
    const debtor: Record<string, unknown> = {}
    for (const column of debtorColumns) if (row[column]) debtor[column] = row[column]
    if (row.addressLine1 || row.city) {
      debtor.address = {
        lines: [row.addressLine1, row.addressLine2].filter(Boolean),
        ...(row.postalCode ? { postalCode: row.postalCode } : {}),
        city: row.city,
        country: row.addressCountry || row.country,
      }
    }
    const attributes: Record<string, unknown> = {}
    for (const [column, value] of Object.entries(row)) if (column.startsWith('attr.') && value !== '') attributes[column.slice(5)] = value
    const candidate = {
      id: row.id,
      debtor,
      amountDue: row.amountDue === undefined || row.amountDue === '' ? undefined : Number(row.amountDue),
      ...(row.balance ? { balance: Number(row.balance) } : {}),
      currency: row.currency,
      dueDate: row.dueDate,
      attributes,
    }
    const parsed = caseInputSchema.safeParse(candidate)
    if (parsed.success) result.items.push({ line, value: parsed.data })
    else {
      result.errors.push({
        line,
        message: parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.')} ${/received undefined/.test(issue.message) ? 'is required' : issue.message.replace(/^Invalid input: /, '')}`)
          .join('; '),
      })
    }
  })
  return result
}
