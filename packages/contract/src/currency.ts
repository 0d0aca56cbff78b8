const digitsCache = new Map<string, number>()

/** How many minor units a currency has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    digitsCache.set(currency, digits)
  }
  return digits
}

let currencies: Set<string> | undefined

export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  // Intl's list is built anew on every call: read it once.
  currencies ??= new Set(Intl.supportedValuesOf('currency'))
  return currencies.has(code)
}
