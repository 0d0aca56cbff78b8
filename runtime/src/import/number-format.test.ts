import { describe, expect, it } from 'vitest'
import { proposeNumberFormat, readAmount } from './number-format'

const german = proposeNumberFormat(['1.234,56', '89,90'], {})
const english = proposeNumberFormat(['1,234.56', '89.90'], {})

describe('number formats', () => {
  it('proposes the format the amounts show, and says when they do not show one', () => {
    expect(german).toEqual({ decimal: { value: 'comma', source: 'detected' }, thousands: { value: 'point', source: 'detected' } })
    expect(english).toEqual({ decimal: { value: 'point', source: 'detected' }, thousands: { value: 'comma', source: 'detected' } })
    expect(proposeNumberFormat(['1.000', '2.500', '40'], {})).toEqual({
      decimal: { value: null, source: 'undetermined' },
      thousands: { value: null, source: 'undetermined' },
    })
    expect(proposeNumberFormat(["1'234.50"], {}).thousands).toEqual({ value: 'apostrophe', source: 'detected' })
    expect(proposeNumberFormat(['1 234,50'], {}).thousands).toEqual({ value: 'space', source: 'detected' })
    expect(proposeNumberFormat(['1.000'], { decimal: 'comma' })).toEqual({
      decimal: { value: 'comma', source: 'given' },
      thousands: { value: 'point', source: 'detected' },
    })
  })

  it('reads each amount exactly in its format, with a currency sign or code beside it', () => {
    const read = (text: string, format = german, digits = 2) => {
      const result = readAmount(text, format, digits)
      return result.ok ? result.value.value : result.message
    }
    expect(read('1.234,56')).toBe(1234.56)
    expect(read('1.234.567,8')).toBe(1234567.8)
    expect(read('12,5 €')).toBe(12.5)
    expect(read('-5,00')).toBe(-5)
    expect(read('1,234.56', english)).toBe(1234.56)
    expect(read('1234.56', english)).toBe(1234.56)
    expect(read('1.234', english)).toMatch(/3 decimal places/)
    expect(read('12.34', german)).toMatch(/does not read as a number with “.” between thousands/)
    expect(read('1,2,3', german)).toMatch(/more than once/)
    expect(read('abc')).toBe('is not a number')
    expect(read('1,5', german, 0)).toMatch(/more than the currency has \(0\)/)
    for (const hostile of ['1e3', '1E-2', '0x10', '-Infinity', 'NaN', 'inf']) expect(read(hostile)).toMatch(/scientific, hexadecimal and infinite/)
    // A hostile amount is refused at once, not after a regular expression has backtracked over it.
    expect(read(`1${' '.repeat(100_000)}x`)).toBe('is not a number (too long)')
    expect(proposeNumberFormat([`${'1'.repeat(100_000)} €`], {}).decimal.source).toBe('undetermined')
    const undetermined = proposeNumberFormat([], {})
    expect(read('1.000', undetermined)).toMatch(/ambiguous/)
    expect(read('1.000,50', undetermined)).toBe(1000.5)
    expect(read('120', undetermined)).toBe(120)
    expect(read('1.234.567', undetermined)).toBe(1234567)
    // The first rows showed a decimal comma but no thousands mark: a later 1.000,00 or 1.000 is still a thousand.
    const commaOnly = proposeNumberFormat(['50,00', '59,99'], {})
    expect(commaOnly.thousands).toEqual({ value: null, source: 'undetermined' })
    expect(read('1.000,00', commaOnly)).toBe(1000)
    expect(read('1.000', commaOnly)).toBe(1000)
    expect(read('12.50', commaOnly)).toMatch(/does not read as a number in the chosen format/)
    const pointOnly = proposeNumberFormat(['50.00'], {})
    expect(read('1,000.00', pointOnly)).toBe(1000)
    expect(read('1.000', pointOnly)).toMatch(/3 decimal places/)
  })
})
