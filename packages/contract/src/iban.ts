/** An IBAN as banks print it (spaces, lower case) in its electronic form: `de89 3704…` → `DE893704…`. */
export function compactIban(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase()
}

/**
 * Whether an IBAN (electronic form) is well formed and its check digits hold (ISO 13616, mod 97 = 1). Country lengths
 * are not checked: a bank's own IBAN is entered once by an admin, and the check digits catch typing errors.
 */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    // Letters count as two digits (A = 10 … Z = 35); reduce as we go so the number never outgrows a double.
    const value = char <= '9' ? char : String(char.charCodeAt(0) - 55)
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder === 1
}

/** A BIC (ISO 9362): 8 or 11 characters, bank, country, location, optional branch. */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)
}
