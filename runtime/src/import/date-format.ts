import type { DateFormat, Setting } from '@dunwell/contract'
import type { Read } from './number-format'

const patterns: Record<Exclude<DateFormat, 'YYYY-MM-DD'>, { regex: RegExp; day: number; month: number }> = {
  'DD.MM.YYYY': { regex: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, day: 1, month: 2 },
  'DD/MM/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, day: 1, month: 2 },
  'MM/DD/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, day: 2, month: 1 },
}
const iso = /^(\d{4})-(\d{2})-(\d{2})$/

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

/** The formats a date text can be read in (ISO is always read, whatever the file's format). */
function readings(text: string): Map<DateFormat, string> {
  const result = new Map<DateFormat, string>()
  const m = iso.exec(text)
  if (m) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
    if (date) result.set('YYYY-MM-DD', date)
    return result
  }
  for (const [format, pattern] of Object.entries(patterns) as [DateFormat, (typeof patterns)['DD.MM.YYYY']][]) {
    const parts = pattern.regex.exec(text)
    if (!parts) continue
    const date = isoDate(Number(parts[3]), Number(parts[pattern.month]), Number(parts[pattern.day]))
    if (date) result.set(format, date)
  }
  return result
}

/** The date format the file's dates show: the one format that reads them all, when only one does. */
export function proposeDateFormat(values: readonly string[], given?: DateFormat, fromMapping = false): Setting<DateFormat> {
  if (given) return { value: given, source: fromMapping ? 'mapping' : 'given' }
  const counts = new Map<DateFormat, number>()
  let dated = 0
  for (const value of values) {
    const read = readings(value.trim())
    if (read.size === 0) continue
    dated++
    for (const format of read.keys()) counts.set(format, (counts.get(format) ?? 0) + 1)
  }
  if (dated === 0) return { value: null, source: 'undetermined' }
  const nonIso = [...counts.entries()].filter(([format]) => format !== 'YYYY-MM-DD')
  // Every date is ISO, or one format reads more of the file's dates than any other.
  if (nonIso.length === 0) return { value: 'YYYY-MM-DD', source: 'detected' }
  nonIso.sort((a, b) => b[1] - a[1])
  if (nonIso.length > 1 && nonIso[0]![1] === nonIso[1]![1]) return { value: null, source: 'undetermined' }
  return { value: nonIso[0]![0], source: 'detected' }
}

/** A date text read in the file's format (or ISO), as `YYYY-MM-DD`; `03/04/2026` with no format known is ambiguous. */
export function readDate(raw: string | Date, format: Setting<DateFormat>): Read<string> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, message: 'is not a date' }
    return { ok: true, value: raw.toISOString().slice(0, 10) }
  }
  const text = raw.trim()
  const read = readings(text)
  const isoValue = read.get('YYYY-MM-DD')
  if (isoValue) return { ok: true, value: isoValue }
  if (format.value !== null) {
    const value = read.get(format.value)
    if (value) return { ok: true, value }
    if (/^\d{1,2}[./]\d{1,2}[./]\d{2}$/.test(text)) return { ok: false, message: 'has a two-digit year: write the year in full' }
    return { ok: false, message: `is not a date in the format ${format.value}` }
  }
  if (read.size === 1) return { ok: true, value: [...read.values()][0]! }
  if (read.size > 1) return { ok: false, message: 'is ambiguous (day and month could be either way): choose the date format' }
  return { ok: false, message: 'is not a date (such as 2026-12-31 or 31.12.2026)' }
}
