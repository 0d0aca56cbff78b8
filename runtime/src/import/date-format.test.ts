import { describe, expect, it } from 'vitest'
import { proposeDateFormat, readDate } from './date-format'

describe('date formats', () => {
  it('proposes the one format that reads the dates, and none when two could', () => {
    expect(proposeDateFormat(['31.12.2026', '1.2.2027'])).toEqual({ value: 'DD.MM.YYYY', source: 'detected' })
    expect(proposeDateFormat(['2026-12-31'])).toEqual({ value: 'YYYY-MM-DD', source: 'detected' })
    expect(proposeDateFormat(['25/12/2026', '03/04/2026'])).toEqual({ value: 'DD/MM/YYYY', source: 'detected' })
    expect(proposeDateFormat(['12/25/2026', '03/04/2026'])).toEqual({ value: 'MM/DD/YYYY', source: 'detected' })
    expect(proposeDateFormat(['03/04/2026'])).toEqual({ value: null, source: 'undetermined' })
  })

  it('reads real dates only, ISO always, and refuses what could be either', () => {
    const de = { value: 'DD.MM.YYYY' as const, source: 'given' as const }
    expect(readDate('31.12.2026', de)).toEqual({ ok: true, value: '2026-12-31' })
    expect(readDate('2026-12-31', de)).toEqual({ ok: true, value: '2026-12-31' })
    expect(readDate('31.02.2026', de)).toMatchObject({ ok: false })
    expect(readDate('31.12.26', de)).toEqual({ ok: false, message: 'has a two-digit year: write the year in full' })
    expect(readDate('03/04/2026', { value: null, source: 'undetermined' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('choose the date format'),
    })
    expect(readDate('25/12/2026', { value: null, source: 'undetermined' })).toEqual({ ok: true, value: '2026-12-25' })
    expect(readDate(new Date(Date.UTC(2026, 11, 31)), de)).toEqual({ ok: true, value: '2026-12-31' })
  })
})
