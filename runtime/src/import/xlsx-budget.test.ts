import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { UnreadableFile, xlsxRows, type SourceRow } from './read-rows'

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Offene Posten')
  sheet.addRow(['Rechnungsnummer', 'Vorname', 'Betrag'])
  sheet.addRow(['R-1', 'Jürgen', 120.5])
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function* once(bytes: Buffer) {
  yield new Uint8Array(bytes)
}

async function read(bytes: Buffer, limits: { partBytes: number; totalBytes: number }): Promise<SourceRow[] | UnreadableFile> {
  const rows: SourceRow[] = []
  try {
    for await (const row of xlsxRows(once(bytes), undefined, limits)) rows.push(row)
    return rows
  } catch (error) {
    if (error instanceof UnreadableFile) return error
    throw error
  }
}

/** The same workbook with shared strings that inflate to `bytes` (deflate packs the repetition to a few kilobytes). */
async function bomb(bytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook())
  const one = `<si><t>${'a'.repeat(1000)}</t></si>`
  const count = Math.ceil(bytes / one.length)
  const xml = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${one.repeat(count)}</sst>`
  zip.file('xl/sharedStrings.xml', xml)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

describe('a workbook is measured unpacked before it is read', () => {
  const limits = { partBytes: 4 * 1024 * 1024, totalBytes: 64 * 1024 * 1024 }

  it('reads a workbook within the limits', async () => {
    expect(await read(await workbook(), limits)).toEqual([
      { line: 1, cells: ['Rechnungsnummer', 'Vorname', 'Betrag'] },
      { line: 2, cells: ['R-1', 'Jürgen', 120.5] },
    ])
  })

  it('refuses shared strings that unpack beyond the limit, though the file itself is small (a zip bomb)', async () => {
    const file = await bomb(8 * 1024 * 1024)
    expect(file.length).toBeLessThan(limits.partBytes / 10)
    const answer = await read(file, limits)
    expect(answer).toBeInstanceOf(UnreadableFile)
    expect((answer as UnreadableFile).message).toBe("the workbook's part xl/sharedStrings.xml unpacks to more than 4 MB: save the sheet as CSV and import that")
  })

  it('counts the whole workbook too', async () => {
    const answer = await read(await bomb(3 * 1024 * 1024), { partBytes: 4 * 1024 * 1024, totalBytes: 2 * 1024 * 1024 })
    expect((answer as UnreadableFile).message).toBe('the workbook unpacks to more than 2 MB: save the sheet as CSV and import that')
  })

  it('says a file that is not a zip is not a workbook', async () => {
    const answer = await read(Buffer.from('Rechnungsnummer;Betrag\nR-1;12\n'), limits)
    expect((answer as UnreadableFile).message).toMatch(/^the file is not a readable \.xlsx workbook: /)
  })
})
