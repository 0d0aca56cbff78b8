// The Import cases screen in real Chromium, in German: a Windows-1252, semicolon CSV from a German accounting export
// is previewed as it will be stored, read differently on request, mapped, imported, and what the API then holds is
// what the preview showed. An Excel workbook written by exceljs goes through the same screen.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

let editor: EditorInBrowser
let page: Page

/** Windows-1252 bytes of a text (what Excel writes in Germany when asked for CSV). */
function windows1252(text: string): number[] {
  const special: Record<string, number> = { '€': 0x80 }
  return [...text].map((char) => special[char] ?? (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f))
}

const csv = [
  'Rechnungsnummer;Vorname;Nachname;E-Mail;Betrag;Fällig am;Kundensegment',
  'R-1001;Jürgen;Müller;juergen.mueller@example.de;1.234,56;31.12.2026;Gewerbe',
  'R-1002;Ängelika;Weiß;a.weiss@example.de;89,90;15.01.2027;Privat',
  'R-1003;Björn;Öztürk;bjoern@example.de;12.000,00;01.02.2027;Gewerbe',
].join('\r\n')

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${editor.server.url}${path}`)
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}

/** Intl puts a no-break space between amount and currency sign; compared as a plain space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim()

/** The preview table as a person reads it: one object per row, keyed by the column headings. */
async function previewRows(): Promise<Record<string, string>[]> {
  const table = page.locator('table.import__preview')
  const headings = await table.locator('thead th').allInnerTexts()
  const rows = await table.locator('tbody tr').all()
  return Promise.all(
    rows.map(async (row) => Object.fromEntries((await row.locator('td').allInnerTexts()).map((text, index) => [plain(headings[index]!), plain(text)]))),
  )
}

beforeAll(async () => {
  editor = await openEditorInBrowser('import')
  // A German collections manager: the browser asks for German, so the screen speaks it.
  await editor.page.close()
  page = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, locale: 'de-DE' })
}, 60_000)

const shot = (name: string) => page.screenshot({ path: join(artifacts, `import-${name}.png`) })

afterAll(() => editor?.close())

describe('the Import cases screen', () => {
  it('is reached from the journeys list', async () => {
    await page.goto(editor.server.url)
    await page.getByRole('link', { name: 'Import cases' }).click()
    await page.getByRole('heading', { name: 'Fälle importieren' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/import')
    await shot('empty')
  })

  it('previews a dropped Windows-1252 semicolon CSV, rereads it on request, maps a column, imports it as previewed', async () => {
    // Dropped, as from the desktop: a DataTransfer holding the file's bytes.
    const transfer = await page.evaluateHandle((bytes) => {
      // This runs in the page: its DOM classes, which this file's (Node) types do not declare.
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add: (file: unknown) => void } }
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown
      }
      const data = new dom.DataTransfer()
      data.items.add(new dom.File([new Uint8Array(bytes)], 'offene-posten.csv', { type: 'text/csv' }))
      return data
    }, windows1252(csv))
    await page.locator('.import__drop').dispatchEvent('drop', { dataTransfer: transfer })
    await page.getByRole('heading', { name: 'Wie die Datei gelesen wird' }).waitFor()

    // How the file was read, and how each setting was chosen.
    const setting = (name: string) => page.locator(`[data-setting="${name}"]`)
    // Without a € sign in it, the bytes read the same in Windows-1252 and Latin-1: either is right, and it was detected.
    await expect.poll(() => setting('encoding').locator('select').inputValue()).toMatch(/^(windows-1252|iso-8859-1)$/)
    expect(await setting('separator').locator('select').inputValue()).toBe('semicolon')
    expect(await setting('decimal').locator('select').inputValue()).toBe('comma')
    expect(await setting('thousands').locator('select').inputValue()).toBe('point')
    expect(await setting('dateFormat').locator('select').inputValue()).toBe('DD.MM.YYYY')
    expect(await setting('encoding').locator('small').innerText()).toBe('in der Datei erkannt')

    // The file has no currency column: nothing is assumed, every row waits for one.
    expect(await page.getByTestId('count-refuse').innerText()).toBe('3')
    expect(await setting('currency').locator('small').innerText()).toBe('nicht entscheidbar: bitte wählen')
    await shot('no-currency')
    await setting('currency').locator('select').selectOption('EUR')
    await expect.poll(() => page.getByTestId('count-create').innerText()).toBe('3')
    expect(await setting('currency').locator('small').innerText()).toBe('von Ihnen gewählt')

    let rows = await previewRows()
    expect(rows[0]).toMatchObject({ Zeile: '2', Fallnummer: 'R-1001', Schuldner: 'Jürgen Müller', 'Offener Betrag': '1.234,56 €', 'Fällig am': '31.12.2026' })
    expect(rows.map((row) => row.Schuldner)).toEqual(['Jürgen Müller', 'Ängelika Weiß', 'Björn Öztürk'])
    expect(await page.getByTestId('count-create').innerText()).toBe('3')

    // The unknown column stands out, and is not imported as it is.
    const segment = page.locator('tr[data-column="Kundensegment"]')
    expect(await segment.getAttribute('class')).toContain('import__unmapped')
    await shot('preview')

    // Read the amounts with a decimal point instead: "1.234,56" is no longer an amount, the rows are refused.
    await setting('decimal').locator('select').selectOption('point')
    await expect.poll(() => page.getByTestId('count-refuse').innerText()).not.toBe('0')
    expect(await setting('decimal').locator('small').innerText()).toBe('von Ihnen gewählt')
    // Each problem names its line, column and value.
    const problems = await Promise.all((await page.locator('table.import__problems tbody tr').all()).map((row) => row.locator('td').allInnerTexts()))
    expect(problems.filter(([, column]) => column === 'Betrag').map(([line, , value]) => [line, value])).toContainEqual(['2', '1.234,56'])
    await shot('decimal-point')
    await setting('decimal').locator('select').selectOption('comma')
    await expect.poll(() => page.getByTestId('count-refuse').innerText()).toBe('0')

    // The segment becomes an attribute of each case.
    await page.getByRole('combobox', { name: 'Feld: Kundensegment' }).selectOption('attribute')
    await expect.poll(async () => (await previewRows())[0]?.Attribute).toBe('kundensegment: Gewerbe')
    expect(await page.getByRole('textbox', { name: 'Name des Attributs: Kundensegment' }).inputValue()).toBe('kundensegment')
    rows = await previewRows()
    await shot('mapped')

    // Saved for next week's export, and offered again.
    await page.getByRole('textbox', { name: 'Zuordnung speichern als' }).fill('Buchhaltung wöchentlich')
    await page.getByRole('button', { name: 'Zuordnung speichern' }).click()
    await page.getByText('Zuordnung „Buchhaltung wöchentlich“ gespeichert.').waitFor()
    const saved = await api<{ name: string; columns: Record<string, string>; settings: Record<string, string> }[]>('/api/import-mappings')
    expect(saved).toEqual([
      expect.objectContaining({
        name: 'Buchhaltung wöchentlich',
        columns: expect.objectContaining({ Kundensegment: 'attributes.kundensegment', Rechnungsnummer: 'id' }),
        settings: expect.objectContaining({ decimal: 'comma', thousands: 'point', separator: 'semicolon' }),
      }),
    ])
    expect(await page.getByRole('combobox', { name: 'Gespeicherte Zuordnung verwenden' }).locator('option').allInnerTexts()).toContain(
      'Buchhaltung wöchentlich',
    )

    // Import; the report follows.
    await page.getByRole('button', { name: '3 Fälle importieren' }).click()
    await page.getByRole('heading', { name: 'Import abgeschlossen' }).waitFor()
    expect(await page.locator('.import__done [role="status"]').innerText()).toBe('3 angelegt · 0 aktualisiert · 0 abgelehnt')
    await shot('done')

    // What was stored is what the preview showed.
    const stored = await Promise.all(
      ['R-1001', 'R-1002', 'R-1003'].map((id) =>
        api<{ id: string; amountDue: number; currency: string; dueDate: string; debtor: Record<string, string>; attributes: Record<string, unknown> }>(
          `/api/cases/${id}`,
        ),
      ),
    )
    const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' })
    const day = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' })
    expect(
      stored.map((one) => ({
        Fallnummer: one.id,
        Schuldner: `${one.debtor.firstName} ${one.debtor.lastName}`,
        'E-Mail': one.debtor.email,
        'Offener Betrag': plain(euro.format(one.amountDue)),
        'Fällig am': day.format(new Date(`${one.dueDate}T00:00:00Z`)),
        Attribute: `kundensegment: ${String(one.attributes.kundensegment)}`,
      })),
    ).toEqual(rows.map(({ Zeile, Ergebnis, ...row }) => row))
    expect(stored[0]).toMatchObject({ amountDue: 1234.56, currency: 'EUR', dueDate: '2026-12-31' })

    // The report downloads as CSV, a line per case.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bericht herunterladen (CSV)' }).click()])
    const file = join(editor.dir, 'report.csv')
    await download.saveAs(file)
    const report = readFileSync(file, 'utf8').trim().split(/\r?\n/)
    expect(report[0]).toBe('line,id,outcome,column,message')
    expect(report.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['2,R-1001,created', '3,R-1002,created', '4,R-1003,created'])
  })

  it('imports an Excel workbook chosen through the file picker, updating a case it already has', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Offene Posten')
    sheet.addRow(['Rechnungsnummer', 'Vorname', 'Nachname', 'E-Mail', 'Betrag', 'Fällig am'])
    sheet.addRow(['R-1001', 'Jürgen', 'Müller', 'juergen.mueller@example.de', 1500.5, new Date(Date.UTC(2026, 11, 31))])
    sheet.addRow(['X-2001', 'Zoë', 'Straße', 'zoe@example.de', 42, new Date(Date.UTC(2027, 2, 1))])
    const path = join(editor.dir, 'posten.xlsx')
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()))

    await page.getByRole('button', { name: 'Andere Datei' }).click()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'wählen Sie eine Datei' }).click()])
    await chooser.setFiles(path)
    await page.getByRole('heading', { name: 'Wie die Datei gelesen wird' }).waitFor()
    expect(await page.locator('.import__summary').innerText()).toContain('XLSX')
    await page.locator('[data-setting="currency"] select').selectOption('EUR')
    await expect.poll(() => page.getByTestId('count-update').innerText()).toBe('1')
    expect(await page.getByTestId('count-create').innerText()).toBe('1')
    // Typed cells need no number or date format: nothing is flagged for a choice the file does not need.
    expect(await page.locator('.import__missing').count()).toBe(0)
    const rows = await previewRows()
    expect(rows.map((row) => [row.Fallnummer, row.Schuldner, row['Offener Betrag'], row['Fällig am']])).toEqual([
      ['R-1001', 'Jürgen Müller', '1.500,50 €', '31.12.2026'],
      ['X-2001', 'Zoë Straße', '42,00 €', '01.03.2027'],
    ])
    await shot('xlsx')
    await page.getByRole('button', { name: '2 Fälle importieren' }).click()
    await page.getByRole('heading', { name: 'Import abgeschlossen' }).waitFor()
    expect(await page.locator('.import__done [role="status"]').innerText()).toBe('1 angelegt · 1 aktualisiert · 0 abgelehnt')
    expect(await api<{ amountDue: number; debtor: { lastName: string } }>('/api/cases/X-2001')).toMatchObject({ amountDue: 42, debtor: { lastName: 'Straße' } })
    expect((await api<{ amountDue: number }>('/api/cases/R-1001')).amountDue).toBe(1500.5)
  })
})
