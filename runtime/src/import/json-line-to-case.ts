import { caseInputSchema } from '@dunwell/contract'
import { caseIssues } from './case-issues'
import type { ImportProblem } from '@dunwell/contract'
import { normaliseCountry, normaliseCurrency, normaliseLocale, normalisePhone, normaliseRegion, type Normalised } from './normalize-contact'
import type { ConvertedRow } from './row-to-case'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * One line of JSON Lines into a case: the wire shape of a case, with the same normalising as a CSV (phone numbers to
 * E.164, country codes, currencies upper-case), each change a warning.
 */
export function jsonLineToCase(line: number, text: string): ConvertedRow {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { line, problems: [{ line, severity: 'error', message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] }
  }
  if (!isObject(value)) return { line, problems: [{ line, severity: 'error', message: 'is not a JSON object (one case per line)' }] }
  const id = typeof value.id === 'string' ? value.id : undefined
  const problems: ImportProblem[] = []
  const adjust = (owner: Record<string, unknown>, key: string, path: string, normalise: (raw: string) => Normalised) => {
    const raw = owner[key]
    if (typeof raw !== 'string') return
    const result = normalise(raw)
    if (!result.ok) problems.push({ line, ...(id ? { id } : {}), column: path, value: raw.slice(0, 200), severity: 'error', message: result.message })
    else {
      if (result.value !== raw && result.warning)
        problems.push({ line, ...(id ? { id } : {}), column: path, value: raw.slice(0, 200), severity: 'warning', message: result.warning })
      owner[key] = result.value
    }
  }
  adjust(value, 'currency', 'currency', normaliseCurrency)
  if (isObject(value.debtor)) {
    const debtor = value.debtor
    adjust(debtor, 'country', 'debtor.country', normaliseCountry)
    adjust(debtor, 'locale', 'debtor.locale', normaliseLocale)
    const country = typeof debtor.country === 'string' ? debtor.country : undefined
    adjust(debtor, 'phone', 'debtor.phone', (raw) => normalisePhone(raw, country))
    adjust(debtor, 'region', 'debtor.region', (raw) => normaliseRegion(raw, country))
    if (isObject(debtor.address)) adjust(debtor.address, 'country', 'debtor.address.country', normaliseCountry)
  }
  if (problems.some((problem) => problem.severity === 'error')) return { line, ...(id ? { id } : {}), problems }
  const parsed = caseInputSchema.safeParse(value)
  if (!parsed.success) {
    problems.push(...caseIssues(parsed.error.issues, line, id, (path) => path.map(String).join('.') || undefined))
    return { line, ...(id ? { id } : {}), problems }
  }
  return { line, case: parsed.data, ...(id ? { id } : {}), problems }
}
