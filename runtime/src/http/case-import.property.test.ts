import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ImportReport } from '@dunwell/contract'
import { startApi, type TestApi } from './testing'

/** A case as a finance team's file would hold it. */
const row = fc.record({
  firstName: fc.constantFrom('Jürgen', 'Zoë', 'Ana María', 'Groß; "Fritz"', 'O’Brien', 'Line\nbreak', 'Åsa'),
  cents: fc.integer({ min: 0, max: 99_999_999 }),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
})

const style = fc.record({
  separator: fc.constantFrom(',', ';', '\t'),
  numbers: fc.constantFrom('de', 'en', 'plain'),
  dates: fc.constantFrom('iso', 'de', 'uk'),
  newline: fc.constantFrom('\n', '\r\n'),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
  excelLine: fc.boolean(),
})
type Style = typeof style extends fc.Arbitrary<infer T> ? T : never

const pad = (n: number) => String(n).padStart(2, '0')
function amount(cents: number, numbers: Style['numbers']): string {
  const whole = Math.floor(cents / 100)
  const fraction = pad(cents % 100)
  if (numbers === 'de') return `${whole.toLocaleString('de-DE')},${fraction}`
  if (numbers === 'en') return `${whole.toLocaleString('en-US')}.${fraction}`
  return `${whole}.${fraction}`
}
function date(r: { day: number; month: number }, dates: Style['dates']): string {
  return dates === 'iso' ? `2026-${pad(r.month)}-${pad(r.day)}` : dates === 'de' ? `${r.day}.${r.month}.2026` : `${pad(r.day)}/${pad(r.month)}/2026`
}
function quote(value: string, separator: string): string {
  return /["\n\r,;\t]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value
}
function encode(text: string, encoding: Style['encoding']): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8')
  if (encoding === 'utf-8-bom') return Buffer.from(`\uFEFF${text}`, 'utf8')
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  // Windows-1252: what the names above need is in Latin-1, but for ’.
  return Buffer.from([...text].map((char) => (char === '’' ? 0x92 : char.charCodeAt(0))))
}

async function post(api: TestApi, file: Buffer, query: Record<string, string>): Promise<ImportReport> {
  const response = await api.send('POST', `/api/cases/import?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.keys.admin}`, 'Content-Type': 'text/csv' },
    body: new Uint8Array(file),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as ImportReport
}

describe('case import: what the preview shows is what is stored', () => {
  it('for files in any separator, number and date format, encoding and line ending (seeded)', async () => {
    const api = await startApi()
    let run = 0
    let accepted = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(style, fc.array(row, { minLength: 1, maxLength: 12 }), async (s, rows) => {
        run++
        const header = ['Rechnungsnummer', 'Vorname', 'Betrag', 'Währung', 'Fällig am'].join(s.separator)
        const lines = rows.map((r, i) =>
          [`P${run}-${i}`, quote(r.firstName, s.separator), quote(amount(r.cents, s.numbers), s.separator), 'EUR', date(r, s.dates)].join(s.separator),
        )
        const text = `${s.excelLine ? `sep=${s.separator}${s.newline}` : ''}${[header, ...lines].join(s.newline)}${s.newline}`
        const file = encode(text, s.encoding)
        const preview = await post(api, file, { dryRun: 'true' })
        const imported = await post(api, file, {})
        // The dry run and the import see the same file the same way.
        expect(imported.counts).toEqual(preview.counts)
        expect(imported.problems).toEqual(preview.problems)
        expect(imported.settings).toEqual(preview.settings)
        for (const line of preview.preview) {
          const stored = await api.db
            .selectFrom('cases')
            .selectAll()
            .where('id', '=', line.case?.id ?? '')
            .executeTakeFirst()
          if (line.action === 'refuse') continue
          expect(stored).toBeDefined()
          expect(JSON.parse(stored!.debtor)).toEqual(line.case!.debtor)
          expect(Number(stored!.amount_due)).toBe(Math.round(line.case!.amountDue * 100))
          expect(stored!.due_date).toBe(line.case!.dueDate)
        }
        // And what was stored is what the file meant: a refusal is allowed only where the file is ambiguous.
        rows.forEach((r, i) => {
          const previewed = preview.preview.find((p) => p.case?.id === `P${run}-${i}`)
          if (previewed) accepted++
          else refused++
          if (!previewed) {
            const reasons = preview.problems.filter((p) => p.id === `P${run}-${i}`).map((p) => p.message)
            expect(reasons.join(' ')).toMatch(/ambiguous|choose the (number|date) format/)
            return
          }
          expect(previewed.case!.debtor.firstName).toBe(r.firstName)
          expect(Math.round(previewed.case!.amountDue * 100)).toBe(r.cents)
          expect(previewed.case!.dueDate).toBe(`2026-${pad(r.month)}-${pad(r.day)}`)
        })
      }),
      { seed: 20261203, numRuns: 60 },
    )
    // The property held over files that were mostly read, not only refused.
    expect(accepted).toBeGreaterThan(refused * 3)
  })
})
