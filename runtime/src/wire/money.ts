import { minorDigits } from '@dunwell/contract'

/**
 * A major-unit amount as read from JSON (84.5) to exact minor units (8450), without floating-point rounding:
 * the decimal text of the number is what counts. Returns an error text when it has more decimals than the currency.
 */
export function toMinorUnits(amount: number, currency: string): number | string {
  if (!Number.isFinite(amount)) return 'must be a finite number'
  const digits = minorDigits(currency)
  // toFixed writes 1e21 and above in exponent notation: such an amount is no sum anyone owes.
  if (Math.abs(amount) * 10 ** digits > Number.MAX_SAFE_INTEGER) return 'is too large'
  const smallest = `is less than the smallest amount of ${currency} (${fromMinorUnits(1, currency)})`
  const text = Math.abs(amount).toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
  const [whole = '0', fraction = ''] = text.split('.')
  if (fraction.length > digits) {
    // 0.1 + 0.2 style noise is not what a person wrote: accept it when it rounds cleanly.
    const rounded = Math.round(Math.abs(amount) * 10 ** digits)
    // Below the smallest unit (5e-324 yen, 0.001 euro) is no amount of money at all, however close it is to 0.
    if (rounded === 0) return smallest
    if (Math.abs(rounded / 10 ** digits - Math.abs(amount)) > 1e-9) return `has more decimals than ${currency} allows (${digits})`
    return Math.sign(amount) * rounded
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor)) return 'is too large'
  if (minor === 0 && amount !== 0) return smallest
  return amount < 0 ? -minor : minor
}

/** Minor units back to a major-unit number for people and conditions (8450 → 84.5). */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = minorDigits(currency)
  return Number((minor / 10 ** digits).toFixed(digits))
}
