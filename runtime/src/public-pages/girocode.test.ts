import fc from 'fast-check'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { girocodePayload, type TransferRequest } from './girocode'
import { compactIban, isValidIban } from '@dunwell/contract'

const request: TransferRequest = {
  name: 'Stadtwerke Musterstadt GmbH',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  amountCents: 8990,
  reference: 'RE-2026-0042',
}

describe('GiroCode (EPC069-12) payload', () => {
  it('writes the lines a German banking app reads, in order, without trailing empty elements', () => {
    expect(girocodePayload(request)).toEqual({
      ok: true,
      payload: 'BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Musterstadt GmbH\nDE89370400440532013000\nEUR89.90\n\n\nRE-2026-0042',
    })
    // Without a BIC (optional in version 002) the line stays, empty.
    const noBic = girocodePayload({ ...request, bic: undefined, amountCents: 1 })
    expect(noBic.ok && noBic.payload.split('\n').slice(4, 8)).toEqual(['', 'Stadtwerke Musterstadt GmbH', 'DE89370400440532013000', 'EUR0.01'])
  })

  it('refuses a wrong check digit, a bad BIC, amounts out of range, a long name or reference', () => {
    expect(girocodePayload({ ...request, iban: 'DE89370400440532013001' })).toEqual({ ok: false, error: 'the IBAN is not valid (format or check digits)' })
    expect(girocodePayload({ ...request, bic: 'COBA' }).ok).toBe(false)
    expect(girocodePayload({ ...request, amountCents: 0 }).ok).toBe(false)
    expect(girocodePayload({ ...request, amountCents: 12.5 }).ok).toBe(false)
    expect(girocodePayload({ ...request, amountCents: 99_999_999_999 }).ok).toBe(true)
    expect(girocodePayload({ ...request, amountCents: 100_000_000_000 }).ok).toBe(false)
    expect(girocodePayload({ ...request, name: 'x'.repeat(70) }).ok).toBe(true)
    expect(girocodePayload({ ...request, name: 'x'.repeat(71) }).ok).toBe(false)
    expect(girocodePayload({ ...request, name: '  ' }).ok).toBe(false)
    expect(girocodePayload({ ...request, reference: 'r'.repeat(140) }).ok).toBe(true)
    expect(girocodePayload({ ...request, reference: 'r'.repeat(141) }).ok).toBe(false)
  })

  it('keeps hostile text on its own line: a newline in a name or reference cannot forge an element', () => {
    const result = girocodePayload({ ...request, name: 'Evil\nDE00', reference: 'a\r\nEUR1.00' })
    expect(result.ok && result.payload.split('\n')).toHaveLength(11)
    expect(result.ok && result.payload.split('\n')[10]).toBe('a EUR1.00')
  })

  it('fits a QR code at error correction M for every amount and reference the limits allow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), fc.string({ maxLength: 140 }), (amountCents, reference) => {
        const result = girocodePayload({ ...request, amountCents, reference })
        if (!result.ok) return result.error.includes('bytes') // only multi-byte references can exceed 331 bytes
        const code = QRCode.create(result.payload, { errorCorrectionLevel: 'M' })
        return code.version <= 13 && result.payload.includes(`EUR${Math.floor(amountCents / 100)}.${String(amountCents % 100).padStart(2, '0')}`)
      }),
      { seed: 12, numRuns: 200 },
    )
  })
})

describe('IBAN', () => {
  it('accepts the check digits of real IBANs, in print form too, and refuses any single changed digit', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'AT611904300234573201', 'NL91ABNA0417164300', 'BE68539007547034']) {
      expect(isValidIban(iban), iban).toBe(true)
    }
    expect(compactIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000')
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 21 }), fc.integer({ min: 1, max: 9 }), (at, delta) => {
        const iban = 'DE89370400440532013000'
        const changed = iban.slice(0, at) + String((Number(iban[at]) + delta) % 10) + iban.slice(at + 1)
        return !isValidIban(changed)
      }),
      { seed: 7 },
    )
    expect(isValidIban('DE8937040044')).toBe(false)
    expect(isValidIban('1234370400440532013000')).toBe(false)
  })
})
