import { decimalMarks, thousandsMarks, type DecimalMark, type Setting, type ThousandsMark } from '@dunwell/contract'

export interface NumberFormat {
  decimal: Setting<DecimalMark>
  thousands: Setting<ThousandsMark>
}

/** A value as read, or why it cannot be: the message never quotes the value (it may be personal data). */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string }

/** No amount is longer; longer text is not read at all (and never given to a regular expression). */
const MAX_AMOUNT_TEXT = 40

const currencySigns: Record<string, string> = { '€': 'EUR', '£': 'GBP', $: 'USD', '¥': 'JPY', Fr: 'CHF', 'Fr.': 'CHF', kr: 'SEK', zł: 'PLN' }

/** `1.234,56 €` → the number text and the currency it names, if any. */
function stripCurrency(text: string): { number: string; currency?: string } {
  const match = /^(?:([A-Z]{3}|[€£$¥]|Fr\.?|zł|kr)\s*)?(.*?)(?:\s*([A-Z]{3}|[€£$¥]|Fr\.?|zł|kr))?$/u.exec(text)
  const sign = match?.[1] ?? match?.[3]
  const number = match?.[2] ?? text
  return sign ? { number, currency: currencySigns[sign] ?? sign } : { number }
}

const grouped = (mark: string) => new RegExp(`^\\d{1,3}(?:${mark === ' ' ? '[ \\u00a0\\u202f]' : escape(mark)}\\d{3})+$`, 'u')
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** What one amount says about the file's number format. */
type Evidence = { decimal?: DecimalMark; thousands?: ThousandsMark; ambiguous?: '.' | ',' }

export function evidenceOf(raw: string): Evidence {
  if (raw.length > MAX_AMOUNT_TEXT) return {}
  const { number } = stripCurrency(raw.trim())
  const text = number.replace(/^[-+]/, '')
  let m: RegExpExecArray | null
  if ((m = /^(\d{1,3}(?:([.,' \u00a0\u202f])\d{3})+)([.,])(\d+)$/u.exec(text)) && m[2] !== m[3]) {
    return { decimal: m[3] === ',' ? 'comma' : 'point', thousands: markName(m[2]!) }
  }
  if ((m = /^\d+([.,])(\d+)$/.exec(text))) {
    const decimal: DecimalMark = m[1] === ',' ? 'comma' : 'point'
    // `1.000` reads as one thousand or as one with three decimals.
    if (m[2]!.length === 3 && /^\d{1,3}$/.test(text.split(m[1]!)[0]!)) return { ambiguous: m[1] as '.' | ',' }
    return { decimal }
  }
  if ((m = /^\d{1,3}(?:([.,])\d{3}){2,}$/.exec(text))) return { thousands: markName(m[1]!), decimal: m[1] === '.' ? 'comma' : 'point' }
  if (/^\d{1,3}(?:[' \u00a0\u202f]\d{3})+$/u.test(text)) return { thousands: markName(text.replace(/\d/g, '')[0]!) }
  return {}
}

function markName(char: string): ThousandsMark {
  return char === '.' ? 'point' : char === ',' ? 'comma' : char === "'" ? 'apostrophe' : 'space'
}

/**
 * The number format the amounts of a file show: a decimal mark when some amount can only be read one way, and the
 * thousands mark that goes with it. Undetermined when every amount is a whole number or ambiguous (`1.000`).
 */
export function proposeNumberFormat(values: readonly string[], given: { decimal?: DecimalMark; thousands?: ThousandsMark }, fromMapping = false): NumberFormat {
  const votes = { point: 0, comma: 0 }
  const thousandsVotes = new Map<ThousandsMark, number>()
  const ambiguousMarks = new Set<'.' | ','>()
  for (const value of values) {
    const evidence = evidenceOf(value)
    if (evidence.decimal) votes[evidence.decimal]++
    if (evidence.thousands) thousandsVotes.set(evidence.thousands, (thousandsVotes.get(evidence.thousands) ?? 0) + 1)
    if (evidence.ambiguous) ambiguousMarks.add(evidence.ambiguous)
  }
  const source = fromMapping ? 'mapping' : 'given'
  const decimal: Setting<DecimalMark> = given.decimal
    ? { value: given.decimal, source }
    : votes.point === 0 && votes.comma === 0
      ? { value: null, source: 'undetermined' }
      : { value: votes.comma > votes.point ? 'comma' : 'point', source: 'detected' }
  let thousands: Setting<ThousandsMark>
  if (given.thousands) thousands = { value: given.thousands, source }
  else {
    const seen = [...thousandsVotes.entries()]
      .filter(([mark]) => decimal.value === null || decimalMarks[decimal.value] !== thousandsMarks[mark])
      .sort((a, b) => b[1] - a[1])
    const other = decimal.value === 'comma' ? '.' : decimal.value === 'point' ? ',' : undefined
    if (seen[0]) thousands = { value: seen[0][0], source: 'detected' }
    // `1.000` beside `12,50`: with a decimal comma, the point can only group thousands.
    else if (other && ambiguousMarks.has(other)) thousands = { value: markName(other), source: 'detected' }
    // No amount of the sample has a thousands mark: a later one may (the first rows are often small amounts), so each
    // is read by what it shows, and one that reads two ways is a problem.
    else thousands = { value: null, source: 'undetermined' }
  }
  return { decimal, thousands }
}

/**
 * An amount's text read in the given format, exactly (a decimal text, never through a float with a wrong guess).
 * Scientific, hexadecimal and infinite numbers are refused; so is a value that the format leaves ambiguous.
 */
export function readAmount(raw: string, format: NumberFormat, digits: number): Read<{ value: number; currency?: string }> {
  const trimmed = raw.trim()
  if (trimmed.length > MAX_AMOUNT_TEXT) return { ok: false, message: 'is not a number (too long)' }
  if (/^[-+]?(?:infinity|inf|nan)$/i.test(trimmed) || /^[-+]?0x/i.test(trimmed) || /^[-+]?[\d.,]+e[-+]?\d+$/i.test(trimmed)) {
    return { ok: false, message: 'is not a plain number: scientific, hexadecimal and infinite numbers are refused' }
  }
  const { number, currency } = stripCurrency(trimmed)
  const negative = /^-/.test(number) || /^\(.*\)$/.test(number)
  const text = number.replace(/^[-+]|^\(|\)$/g, '').trim()
  if (!/^[\d.,' \u00a0\u202f]+$/u.test(text) || !/\d/.test(text)) return { ok: false, message: 'is not a number' }
  const decimal = format.decimal.value
  const thousands = format.thousands.value
  let whole: string
  let fraction = ''
  if (decimal === null || thousands === null) {
    // The file does not say its whole format: each amount is read by what it shows, and only if it reads one way.
    const evidence = evidenceOf(text)
    const decimalMark = decimal === null ? undefined : decimalMarks[decimal]
    if (/^\d+$/.test(text)) whole = text
    else if (evidence.ambiguous) {
      // `1.000`: with a decimal comma known, the point groups thousands; with a decimal point, it has three decimals.
      if (decimalMark === undefined) return { ok: false, message: 'is ambiguous: choose the number format (is the mark a decimal or a thousands separator?)' }
      if (decimalMark === evidence.ambiguous) [whole = '', fraction = ''] = text.split(decimalMark)
      else whole = text.replace(/\D/g, '')
    } else if (evidence.thousands && !evidence.decimal) {
      if (decimalMark !== undefined && decimalMark === thousandsMarks[evidence.thousands])
        return { ok: false, message: 'does not read as a number in the chosen format' }
      whole = text.replace(/\D/g, '')
    } else if (evidence.decimal && (decimalMark === undefined || decimal === evidence.decimal)) {
      // `1.234.567` shows its decimal mark by what groups its thousands, without having one.
      const at = text.lastIndexOf(decimalMarks[evidence.decimal])
      whole = (at === -1 ? text : text.slice(0, at)).replace(/\D/g, '')
      fraction = at === -1 ? '' : text.slice(at + 1)
    } else return { ok: false, message: 'does not read as a number in the chosen format' }
  } else {
    const mark = decimalMarks[decimal]
    const parts = text.split(mark)
    if (parts.length > 2) return { ok: false, message: `has the decimal mark “${mark}” more than once: choose the number format` }
    whole = parts[0]!
    fraction = parts[1] ?? ''
    const group = thousandsMarks[thousands]
    if (group !== '' && !/^\d+$/.test(whole)) {
      if (!grouped(group).test(whole)) return { ok: false, message: `does not read as a number with “${group === ' ' ? 'space' : group}” between thousands` }
      whole = whole.replace(/[^\d]/g, '')
    }
    if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return { ok: false, message: `does not read as a number in the format 1${group}234${mark}56` }
  }
  if (fraction.length > digits) {
    return {
      ok: false,
      message: `has ${fraction.length} decimal places, more than the currency has (${digits})${fraction.length === 3 ? ': is the mark a thousands separator? choose the number format' : ''}`,
    }
  }
  const value = Number(`${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '')}.${fraction || '0'}`)
  if (!Number.isFinite(value) || Math.abs(value) > 1e13) return { ok: false, message: 'is too large' }
  return { ok: true, value: { value, ...(currency ? { currency } : {}) } }
}
