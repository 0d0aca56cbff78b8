import { describe, expect, it } from 'vitest'
import { countSms, describeSms } from './sms-segments'

describe('countSms', () => {
  it('counts nothing for no text', () => {
    expect(countSms('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 })
  })

  it('fits 160 GSM-7 characters in one SMS and splits the 161st into parts of 153', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1, perSegment: 160 })
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 })
    expect(countSms('a'.repeat(306)).segments).toBe(2)
    expect(countSms('a'.repeat(307)).segments).toBe(3)
  })

  it('counts the extension characters (€, brackets) as two septets and never splits one', () => {
    expect(countSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', characters: 80, units: 160, segments: 1 })
    expect(countSms('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 })
    // 152 septets, then a two-septet €: it does not fit the first part's 153, so it starts the second.
    expect(countSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3)
    expect(countSms(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments).toBe(2)
  })

  it('keeps German umlauts and ß in GSM-7, but not ô or an emoji', () => {
    expect(countSms('Grüße aus Köln, Straße').encoding).toBe('GSM-7')
    expect(countSms('Côte').encoding).toBe('UCS-2')
    expect(countSms('Hi 👋').encoding).toBe('UCS-2')
  })

  it('switches to UCS-2 when any character is outside GSM-7: 70 per SMS, 67 per part', () => {
    const ucs = 'ô'.repeat(70)
    expect(countSms(ucs)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 })
    expect(countSms(`${ucs}a`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 })
    expect(countSms('ô'.repeat(134)).segments).toBe(2)
    expect(countSms('ô'.repeat(135)).segments).toBe(3)
    // One character outside GSM-7 makes a 100-character text take two parts.
    expect(countSms(`${'a'.repeat(99)}ô`)).toMatchObject({ encoding: 'UCS-2', segments: 2 })
  })

  it('counts an emoji as two code units and keeps its surrogate pair in one part', () => {
    expect(countSms('😀'.repeat(35))).toMatchObject({ characters: 35, units: 70, segments: 1 })
    expect(countSms(`${'ô'.repeat(66)}😀`)).toMatchObject({ units: 68, segments: 1 })
    expect(countSms(`${'ô'.repeat(66)}😀${'ô'.repeat(3)}`)).toMatchObject({ units: 71, segments: 2 })
  })

  it('names the character that makes a message UCS-2, invisible ones by code point', () => {
    expect(countSms('Grüße').outside).toBeUndefined()
    expect(describeSms(countSms('Côte'))).toContain('UCS-2 (because of “ô” U+00F4)')
    expect(describeSms(countSms('84,50\u00a0€'))).toContain('UCS-2 (because of U+00A0)')
  })

  it('says it in one line', () => {
    expect(describeSms(countSms('Hello'))).toBe('5 characters · GSM-7 · 1 SMS · 160 per part')
    expect(describeSms(countSms('€'.repeat(81)))).toBe('81 characters (162 septets) · GSM-7 · 2 SMS parts · 153 per part')
  })
})
