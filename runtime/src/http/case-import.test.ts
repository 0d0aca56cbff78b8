import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ImportReport } from '@dunwell/contract'
import { startApi, type TestApi } from './testing'

/** Windows-1252 bytes of a text (what Excel writes in Germany when asked for CSV). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, '”': 0x94, '–': 0x96 }
  return Buffer.from([...text].map((char) => special[char] ?? (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f)))
}

async function importFile(api: TestApi, body: string | Buffer, query: Record<string, string> = {}, type = 'text/csv', status = 200): Promise<ImportReport> {
  const response = await api.send('POST', `/api/cases/import?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.keys.admin}`, 'Content-Type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
  const text = await response.text()
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`)
  return JSON.parse(text)
}

const errors = (report: ImportReport) => report.problems.filter((problem) => problem.severity === 'error')
const storedIds = async (api: TestApi) => (await api.db.selectFrom('cases').select('id').orderBy('id').execute()).map((row) => row.id)

/** Every case of a preview is what the API then returns for it. */
async function expectStoredAsPreviewed(api: TestApi, preview: ImportReport) {
  for (const row of preview.preview) {
    if (!row.case) continue
    const stored = await api.expectStatus(200, 'GET', `/api/cases/${encodeURIComponent(row.case.id)}`)
    expect({
      id: stored.id,
      debtor: stored.debtor,
      amountDue: stored.amountDue,
      currency: stored.currency,
      dueDate: stored.dueDate,
      attributes: stored.attributes,
    }).toEqual({
      id: row.case.id,
      debtor: row.case.debtor,
      amountDue: row.case.amountDue,
      currency: row.case.currency,
      dueDate: row.case.dueDate,
      attributes: row.case.attributes ?? {},
    })
    expect(stored.balance).toBe(row.case.balance ?? row.case.amountDue)
  }
}

const germanExport = [
  'sep=;',
  'Rechnungsnummer;Vorname;Nachname;E-Mail;Telefon;Land;Ort;Straße;PLZ;Betrag;Währung;Fällig am',
  'R-1001;Jürgen;Groß;juergen@example.de;0151 12345678;DE;München;Hauptstraße 1;80331;1.234,56;EUR;31.12.2026',
  'R-1002;Anna;Müller;anna@example.de;;Deutschland;Köln;Domstraße 2;50667;89,90;EUR;1.12.2026',
  'R-1003;Zoë;Weiß;zoe@example.de;+49 30 1234567;DE;Berlin;Unter den Linden 3;10117;12.500,00;EUR;15.01.2027',
].join('\r\n')

describe('POST /api/cases/import: a German Excel export', () => {
  it('detects encoding, separator, number and date format and the German headers; the dry run stores nothing; the import stores what the preview showed', async () => {
    const api = await startApi()
    const file = windows1252(germanExport)
    const preview = await importFile(api, file, { dryRun: 'true' })
    expect(preview).toMatchObject({ dryRun: true, stored: false, importId: null, format: 'csv', rows: 3, counts: { create: 3, update: 0, refuse: 0 } })
    expect(['windows-1252', 'iso-8859-1']).toContain(preview.settings.encoding!.value)
    expect(preview.settings.encoding!.source).toBe('detected')
    expect(preview.settings.separator).toEqual({ value: 'semicolon', source: 'detected' })
    expect(preview.settings.decimal).toEqual({ value: 'comma', source: 'detected' })
    expect(preview.settings.thousands).toEqual({ value: 'point', source: 'detected' })
    expect(preview.settings.dateFormat).toEqual({ value: 'DD.MM.YYYY', source: 'detected' })
    expect(preview.columns.map((column) => [column.header, column.target, column.source])).toEqual([
      ['Rechnungsnummer', 'id', 'alias'],
      ['Vorname', 'debtor.firstName', 'alias'],
      ['Nachname', 'debtor.lastName', 'alias'],
      ['E-Mail', 'debtor.email', 'name'],
      ['Telefon', 'debtor.phone', 'alias'],
      ['Land', 'debtor.country', 'alias'],
      ['Ort', 'debtor.address.city', 'alias'],
      ['Straße', 'debtor.address.line1', 'alias'],
      ['PLZ', 'debtor.address.postalCode', 'alias'],
      ['Betrag', 'amountDue', 'alias'],
      ['Währung', 'currency', 'alias'],
      ['Fällig am', 'dueDate', 'alias'],
    ])
    expect(preview.preview[0]).toMatchObject({
      line: 3,
      action: 'create',
      case: {
        id: 'R-1001',
        debtor: {
          firstName: 'Jürgen',
          lastName: 'Groß',
          phone: '+4915112345678',
          country: 'DE',
          address: { lines: ['Hauptstraße 1'], city: 'München', postalCode: '80331', country: 'DE' },
        },
        amountDue: 1234.56,
        currency: 'EUR',
        dueDate: '2026-12-31',
      },
    })
    expect(preview.preview.map((row) => row.case?.amountDue)).toEqual([1234.56, 89.9, 12500])
    expect(preview.preview[1]!.case!.debtor.country).toBe('DE')
    expect(preview.problems).toEqual([
      { line: 4, id: 'R-1002', column: 'Land', value: 'Deutschland', severity: 'warning', message: 'read as the country code DE' },
    ])
    expect(await storedIds(api)).toEqual([])

    const imported = await importFile(api, file)
    expect(imported).toMatchObject({
      dryRun: false,
      stored: true,
      counts: { create: 3, update: 0, refuse: 0 },
      reportUrl: expect.stringMatching(/^\/api\/cases\/imports\/imp_/),
    })
    await expectStoredAsPreviewed(api, preview)
    expect(await api.db.selectFrom('cases').select(['amount_due', 'balance']).where('id', '=', 'R-1003').executeTakeFirst()).toEqual({
      amount_due: 1250000,
      balance: 1250000,
    })

    const again = await importFile(api, file)
    expect(again.counts).toEqual({ create: 0, update: 3, refuse: 0 })
  })

  it('honours a declared charset, and reads a UTF-16 file with BOM and tabs (Excel’s “Unicode text”)', async () => {
    const api = await startApi()
    const declared = await importFile(
      api,
      windows1252('id;firstName;amountDue;currency;dueDate\nk-1;Jörg;5,00;EUR;2026-10-01\n'),
      { dryRun: 'true' },
      'text/csv; charset=windows-1252',
    )
    expect(declared.settings.encoding).toEqual({ value: 'windows-1252', source: 'charset' })
    expect(declared.preview[0]!.case!.debtor.firstName).toBe('Jörg')

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Rechnungsnummer\tVorname\tBetrag\tWährung\tFällig am\r\nU-1\tÅsa\t12,50\tEUR\t01.10.2026\r\n', 'utf16le'),
    ])
    const report = await importFile(api, utf16, {}, 'text/tab-separated-values')
    expect(report.settings.encoding).toEqual({ value: 'utf-16le', source: 'bom' })
    expect(report.counts.create).toBe(1)
    expect(await api.expectStatus(200, 'GET', '/api/cases/U-1')).toMatchObject({ debtor: { firstName: 'Åsa' }, amountDue: 12.5, dueDate: '2026-10-01' })
  })

  it('refuses bytes the chosen encoding cannot read instead of storing “J�rgen”', async () => {
    const api = await startApi()
    const report = await importFile(api, windows1252('id,firstName,amountDue,currency,dueDate\nk-1,Jürgen,5,EUR,2026-10-01\n'), { encoding: 'utf-8' })
    expect(report.settings.encoding).toEqual({ value: 'utf-8', source: 'given' })
    expect(errors(report)).toEqual([expect.objectContaining({ line: 2, column: 'firstName', message: expect.stringContaining('encoding') })])
    expect(await storedIds(api)).toEqual([])
  })
})

describe('POST /api/cases/import: numbers and dates are never guessed', () => {
  const thousands = 'id;amountDue;currency;dueDate\nt-1;1.000;EUR;2026-10-01\nt-2;2.500;EUR;2026-10-01\nt-3;40;EUR;2026-10-01\n'

  it('`1.000` with no number format known is a problem on its line; told the format, it is one thousand', async () => {
    const api = await startApi()
    const unknown = await importFile(api, thousands, { dryRun: 'true' })
    expect(unknown.settings.decimal).toEqual({ value: null, source: 'undetermined' })
    expect(errors(unknown).map((problem) => [problem.line, problem.column, problem.value])).toEqual([
      [2, 'amountDue', '1.000'],
      [3, 'amountDue', '2.500'],
    ])
    expect(errors(unknown)[0]!.message).toMatch(/ambiguous: choose the number format/)
    expect(unknown.counts).toEqual({ create: 1, update: 0, refuse: 2 })

    const german = await importFile(api, thousands, { decimal: 'comma' })
    expect(german.settings.thousands).toEqual({ value: 'point', source: 'detected' })
    expect(german.counts.create).toBe(3)
    expect(await api.db.selectFrom('cases').select(['id', 'amount_due']).orderBy('id').execute()).toEqual([
      { id: 't-1', amount_due: 100000 },
      { id: 't-2', amount_due: 250000 },
      { id: 't-3', amount_due: 4000 },
    ])
    const point = await importFile(api, thousands, { decimal: 'point', thousands: 'none', dryRun: 'true' })
    expect(errors(point)[0]!.message).toMatch(/3 decimal places, more than the currency has \(2\)/)
  })

  it('a thousands mark that first appears after the first thousand rows is still read (the sample only proposes)', async () => {
    const api = await startApi()
    const rows = Array.from({ length: 1200 }, (_, i) => `b-${i};${i < 1100 ? '50,00' : '1.234,56'};EUR;01.11.2026`)
    const report = await importFile(api, ['id;amountDue;currency;dueDate', ...rows].join('\n'))
    expect(report.settings.thousands).toEqual({ value: null, source: 'undetermined' })
    expect(report.counts).toEqual({ create: 1200, update: 0, refuse: 0 })
    expect(await api.db.selectFrom('cases').select('amount_due').where('id', '=', 'b-1199').executeTakeFirst()).toEqual({ amount_due: 123456 })
  })

  it('refuses scientific, hexadecimal and infinite numbers, naming column and value', async () => {
    const api = await startApi()
    const report = await importFile(
      api,
      'id,amountDue,currency,dueDate\nn-1,1e3,EUR,2026-10-01\nn-2,0x10,EUR,2026-10-01\nn-3,Infinity,EUR,2026-10-01\nn-4,12.5,EUR,2026-10-01\n',
    )
    expect(errors(report).map((problem) => [problem.line, problem.value, problem.message])).toEqual([
      [2, '1e3', expect.stringContaining('scientific, hexadecimal and infinite numbers are refused')],
      [3, '0x10', expect.stringContaining('scientific, hexadecimal and infinite numbers are refused')],
      [4, 'Infinity', expect.stringContaining('scientific, hexadecimal and infinite numbers are refused')],
    ])
    expect(await storedIds(api)).toEqual(['n-4'])
  })

  it('reads English amounts (1,234.56) and US dates; day and month that could be either way are a problem', async () => {
    const api = await startApi()
    const us = await importFile(api, 'id,amount,currency,due\nu-1,"1,234.56",USD,12/25/2026\nu-2,10.00,USD,03/04/2026\n', { dryRun: 'true' })
    expect(us.settings.decimal).toEqual({ value: 'point', source: 'detected' })
    expect(us.settings.thousands).toEqual({ value: 'comma', source: 'detected' })
    expect(us.settings.dateFormat).toEqual({ value: 'MM/DD/YYYY', source: 'detected' })
    expect(us.preview.map((row) => [row.case?.amountDue, row.case?.dueDate])).toEqual([
      [1234.56, '2026-12-25'],
      [10, '2026-03-04'],
    ])
    const ambiguous = await importFile(api, 'id,amount,currency,due\na-1,10,EUR,03/04/2026\n', { dryRun: 'true' })
    expect(ambiguous.settings.dateFormat).toEqual({ value: null, source: 'undetermined' })
    expect(errors(ambiguous)).toEqual([
      expect.objectContaining({ line: 2, column: 'due', value: '03/04/2026', message: expect.stringContaining('choose the date format') }),
    ])
    const told = await importFile(api, 'id,amount,currency,due\na-1,10,EUR,03/04/2026\n', { dateFormat: 'DD/MM/YYYY', dryRun: 'true' })
    expect(told.preview[0]!.case!.dueDate).toBe('2026-04-03')
  })
})

describe('POST /api/cases/import: columns, rows and contact data', () => {
  it('names every column it does not import, and imports it where the user maps it', async () => {
    const api = await startApi()
    const csv = 'Kundennr,Email,Betrag,Währung,Fällig am,Notiz\nk-1,a@example.org,10,EUR,2026-10-01,VIP\n'
    const report = await importFile(api, csv, { dryRun: 'true' })
    expect(report.columns.find((column) => column.header === 'Kundennr')).toMatchObject({ target: null, source: 'unmapped' })
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 1, column: 'Notiz', severity: 'warning', message: expect.stringContaining('is not imported') }),
        expect.objectContaining({ line: 1, severity: 'error', message: 'no column for id: map one of the file’s columns to it' }),
      ]),
    )
    expect(report.counts).toEqual({ create: 0, update: 0, refuse: 1 })
    const mapped = await importFile(api, csv, { columns: JSON.stringify({ Kundennr: 'id', Notiz: 'attributes.note' }) })
    expect(mapped.columns.find((column) => column.header === 'Notiz')).toMatchObject({ target: 'attributes.note', source: 'given' })
    expect(await api.expectStatus(200, 'GET', '/api/cases/k-1')).toMatchObject({ debtor: { email: 'a@example.org' }, attributes: { note: 'VIP' } })
    const wrong = await api.request('POST', `/api/cases/import?columns=${encodeURIComponent(JSON.stringify({ Notiz: 'debtor.shoeSize' }))}`, {
      body: csv,
      type: 'text/csv',
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ errors: [{ path: 'columns.Notiz', message: expect.stringContaining('not a field') }] })
  })

  it('keeps the good lines when a row is short or long, and reports the same id twice with both lines', async () => {
    const api = await startApi()
    const csv = [
      'id;amountDue;currency;dueDate',
      's-1;10;EUR;2026-10-01',
      's-2;10',
      's-3;10;EUR;2026-10-01;extra',
      's-1;20;EUR;2026-10-01',
      's-4;10;EUR;2026-10-01',
    ].join('\n')
    const report = await importFile(api, csv)
    expect(report.counts).toEqual({ create: 2, update: 0, refuse: 3 })
    expect(errors(report).map((problem) => problem.line)).toEqual([3, 3, 4, 5])
    expect(errors(report).find((problem) => problem.line === 4)!.message).toMatch(/has 5 values but the header names 4 columns/)
    expect(report.duplicates).toEqual([{ id: 's-1', lines: [2, 5] }])
    expect(await storedIds(api)).toEqual(['s-1', 's-4'])
    expect(await api.db.selectFrom('cases').select('amount_due').where('id', '=', 's-1').executeTakeFirst()).toEqual({ amount_due: 1000 })
  })

  it('names the file’s own line after quoted newlines, CRLF, a BOM and blank lines', async () => {
    const api = await startApi()
    const csv =
      '\uFEFFid,firstName,email,amountDue,currency,dueDate,addressLine1,city,addressCountry\r\nk-1,Anna,anna@example.org,10,EUR,2026-10-15,"Hauptstraße 12\r\nHinterhaus",Berlin,DE\r\n\r\nk-2,Bob,bob-at-example,10,EUR,2026-10-15,,,\r\n'
    const report = await importFile(api, csv)
    expect(report.settings.encoding).toEqual({ value: 'utf-8', source: 'bom' })
    expect(errors(report)).toEqual([expect.objectContaining({ line: 5, column: 'email', value: 'bob-at-example', message: 'is not an email address' })])
    expect(await api.expectStatus(200, 'GET', '/api/cases/k-1')).toMatchObject({ debtor: { address: { lines: ['Hauptstraße 12\r\nHinterhaus'] } } })
  })

  it('normalises phone numbers to E.164 and country codes to ISO 3166-1, refusing what it cannot read', async () => {
    const api = await startApi()
    const csv = [
      'id,amountDue,currency,dueDate,phone,country,region',
      'p-1,10,eur,2026-10-01,07911 123456,UK,',
      'p-2,10,EUR,2026-10-01,0151 12,DE,BY',
      'p-3,10,EUR,2026-10-01,,Deutschlnad,',
      'p-4,10,EUR,2026-10-01,030 1234567,DE,Bayern',
      'p-5,10,EUR,2026-10-01,,DE,ZZ',
    ].join('\n')
    const report = await importFile(api, csv)
    expect(report.problems.map((problem) => [problem.line, problem.column, problem.severity, problem.message])).toEqual([
      [2, 'country', 'warning', 'is not an ISO 3166-1 country code: read as GB'],
      [3, 'phone', 'error', 'is not a valid phone number in DE'],
      [4, 'country', 'error', 'is not an ISO 3166-1 country code such as DE: did you mean Deutschland (DE)?'],
      [5, 'region', 'warning', 'read as the region code BY'],
      [6, 'region', 'error', expect.stringContaining('is not a region of DE')],
    ])
    expect(await api.expectStatus(200, 'GET', '/api/cases/p-1')).toMatchObject({ currency: 'EUR', debtor: { phone: '+447911123456', country: 'GB' } })
    expect(await api.expectStatus(200, 'GET', '/api/cases/p-4')).toMatchObject({ debtor: { phone: '+49301234567', region: 'BY' } })
  })

  it('all or nothing: one refused line stores nothing; the report says so', async () => {
    const api = await startApi()
    const csv = 'id,amountDue,currency,dueDate\na-1,10,EUR,2026-10-01\na-2,ten,EUR,2026-10-01\n'
    const report = await importFile(api, csv, { allOrNothing: 'true' })
    expect(report).toMatchObject({ stored: false, counts: { create: 1, update: 0, refuse: 1 } })
    expect(await storedIds(api)).toEqual([])
    const fixed = await importFile(api, 'id,amountDue,currency,dueDate\na-1,10,EUR,2026-10-01\na-2,12,EUR,2026-10-01\n', { allOrNothing: 'true' })
    expect(fixed).toMatchObject({ stored: true, counts: { create: 2, update: 0, refuse: 0 } })
    expect(await storedIds(api)).toEqual(['a-1', 'a-2'])
    expect(await api.db.selectFrom('case_import_staging').selectAll().execute()).toEqual([])
  })

  it('JSON Lines: the wire shape, normalised the same way, each bad line named', async () => {
    const api = await startApi()
    const lines = [
      JSON.stringify({ id: 'j-1', debtor: { phone: '0151 12345678', country: 'de' }, amountDue: 10, currency: 'EUR', dueDate: '2026-10-01' }),
      JSON.stringify({ id: 'j-2', debtor: { email: 'nope' }, amountDue: 10, currency: 'EUR', dueDate: '2026-10-01' }),
      '',
      '{"id": "j-4", ',
      JSON.stringify({ id: 'j-5', debtor: {}, amountDue: '1.000', currency: 'EUR', dueDate: '2026-10-01' }),
    ]
    const report = await importFile(api, lines.join('\n'), {}, 'application/x-ndjson')
    expect(report.format).toBe('jsonl')
    expect(errors(report).map((problem) => [problem.line, problem.column])).toEqual([
      [2, 'debtor.email'],
      [4, undefined],
      [5, 'amountDue'],
    ])
    expect(await api.expectStatus(200, 'GET', '/api/cases/j-1')).toMatchObject({ debtor: { phone: '+4915112345678', country: 'DE' } })
  })

  it('an .xlsx written by a spreadsheet library: numbers and dates as the cells hold them', async () => {
    const api = await startApi()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Forderungen')
    sheet.addRow(['Rechnungsnummer', 'Vorname', 'Betrag', 'Währung', 'Fällig am', 'Segment'])
    sheet.addRow(['X-1', 'Jürgen', 1234.56, 'EUR', new Date(Date.UTC(2026, 11, 31)), 'A'])
    sheet.addRow(['X-2', 'Ümit', 89.9, 'EUR', '15.01.2027', 'B'])
    const file = Buffer.from(await workbook.xlsx.writeBuffer())
    const report = await importFile(
      api,
      file,
      { columns: JSON.stringify({ Segment: 'attributes.segment' }) },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(report).toMatchObject({ format: 'xlsx', counts: { create: 2, update: 0, refuse: 0 } })
    expect(report.problems).toEqual([])
    expect(await api.expectStatus(200, 'GET', '/api/cases/X-1')).toMatchObject({
      debtor: { firstName: 'Jürgen' },
      amountDue: 1234.56,
      dueDate: '2026-12-31',
      attributes: { segment: 'A' },
    })
    expect(await api.expectStatus(200, 'GET', '/api/cases/X-2')).toMatchObject({ amountDue: 89.9, dueDate: '2027-01-15' })
    // Sniffed from its bytes when sent as octet-stream.
    expect((await importFile(api, file, { dryRun: 'true' }, 'application/octet-stream')).format).toBe('xlsx')
  })

  it('hostile files: prototype-named headers and columns, a row of a megabyte, an unclosed quote — a clear answer, nothing polluted', async () => {
    const api = await startApi()
    const proto = await importFile(api, 'id,__proto__,constructor,attr.__proto__,amountDue,currency,dueDate\nh-1,{"polluted":1},x,y,10,EUR,2026-10-01\n', {
      columns: JSON.stringify({ constructor: 'ignore' }),
    })
    expect(proto.counts.create).toBe(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await api.expectStatus(200, 'GET', '/api/cases/h-1')).attributes).toEqual({})
    const bad = await api.request('POST', `/api/cases/import?columns=${encodeURIComponent(JSON.stringify({ x: 'attributes.__proto__' }))}`, {
      body: 'x\n1\n',
      type: 'text/csv',
    })
    expect(bad.status).toBe(400)
    const huge = await importFile(
      api,
      `id,amountDue,currency,dueDate\nh-2,10,EUR,2026-10-01\nh-3,${'9'.repeat(1_100_000)},EUR,2026-10-01\nh-4,10,EUR,2026-10-01\n`,
    )
    expect(errors(huge)).toEqual([expect.objectContaining({ line: 3, message: 'the file cannot be read from line 3 on: the line is longer than 1 MB' })])
    const unclosed = await importFile(api, 'id,amountDue,currency,dueDate\nh-5,10,EUR,2026-10-01\nh-6,"10,EUR,2026-10-01\n')
    expect(errors(unclosed)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('a quoted value is never closed') })])
    expect(await storedIds(api)).toEqual(['h-1', 'h-2', 'h-5'])
  })

  it('refuses what it cannot read at all: 415 for another type or charset, 422 for an empty file', async () => {
    const api = await startApi()
    expect((await api.request('POST', '/api/cases/import', { body: 'id\n', type: 'text/plain' })).status).toBe(415)
    expect((await api.request('POST', '/api/cases/import', { body: 'id\n', type: 'text/csv; charset=koi8-r' })).status).toBe(415)
    const empty = await api.request('POST', '/api/cases/import', { body: '', type: 'text/csv' })
    expect([empty.status, ((await empty.json()) as { detail: string }).detail]).toEqual([422, 'the file is empty'])
    expect(await storedIds(api)).toEqual([])
  })
})

describe('saved mappings and the report', () => {
  it('a mapping saved under a name is used for the next week’s file; unknown names are 404', async () => {
    const api = await startApi()
    const saved = await api.expectStatus(201, 'PUT', '/api/import-mappings/weekly', {
      body: { columns: { Kundennr: 'id', Summe: 'amountDue', Termin: 'dueDate' }, settings: { decimal: 'comma', thousands: 'point', currency: 'eur' } },
    })
    expect(saved).toMatchObject({ name: 'weekly', settings: { currency: 'EUR' } })
    await api.expectStatus(200, 'PUT', '/api/import-mappings/weekly', {
      body: {
        columns: { Kundennr: 'id', Summe: 'amountDue', Termin: 'dueDate' },
        settings: { decimal: 'comma', thousands: 'point', currency: 'EUR', dateFormat: 'DD.MM.YYYY' },
      },
    })
    expect(await api.expectStatus(200, 'GET', '/api/import-mappings')).toEqual([expect.objectContaining({ name: 'weekly' })])
    const report = await importFile(api, 'Kundennr;Summe;Termin\nw-1;1.000;01.02.2027\n', { mapping: 'weekly' })
    expect(report.settings.decimal).toEqual({ value: 'comma', source: 'mapping' })
    expect(report.settings.currency).toEqual({ value: 'EUR', source: 'mapping' })
    expect(report.columns[0]).toMatchObject({ target: 'id', source: 'mapping' })
    expect(await api.expectStatus(200, 'GET', '/api/cases/w-1')).toMatchObject({ amountDue: 1000, currency: 'EUR', dueDate: '2027-02-01' })
    await importFile(api, 'x', { mapping: 'nope' }, 'text/csv', 404)
    await api.expectStatus(400, 'PUT', '/api/import-mappings/bad', { body: { columns: { a: 'debtor.nope' } } })
    await api.expectStatus(204, 'DELETE', '/api/import-mappings/weekly')
    await api.expectStatus(404, 'DELETE', '/api/import-mappings/weekly')
  })

  it('the report CSV says for each line what was created, updated or refused, and why, without the file’s values', async () => {
    const api = await startApi()
    await importFile(api, 'id,amountDue,currency,dueDate\nr-1,10,EUR,2026-10-01\n')
    const report = await importFile(
      api,
      'id,amountDue,currency,dueDate,email\nr-1,11,EUR,2026-10-01,\nr-2,10,EUR,2026-10-01,secret-at-example\nr-3,=1+1,EUR,2026-10-01,\n',
      { fileName: 'Forderungen KW49.csv' },
    )
    const response = await api.request('GET', report.reportUrl!)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="Forderungen_KW49-report.csv"')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('line,id,outcome,column,message\r\n')).toBe(true)
    expect(text.split('\r\n').slice(1, -1)).toEqual([
      '2,r-1,updated,,',
      '3,r-2,refused,,',
      '3,r-2,refused,email,is not an email address',
      '4,r-3,refused,,',
      '4,r-3,refused,amountDue,is not a number',
    ])
    expect(text).not.toContain('secret-at-example')
    expect((await api.request('GET', '/api/cases/imports/imp_nope/report.csv')).status).toBe(404)
  })
})

describe('an upload cut short by the import limit', () => {
  const header = 'Rechnungsnummer;Vorname;E-Mail;Betrag;Währung;Fällig am\r\n'
  const line = (i: number) => `R-${String(i).padStart(5, '0')};Jürgen;j${i}@example.com;120,50;EUR;31.10.2026\r\n`

  /** A file sent in chunks with no Content-Length (as `curl -T -` or a proxy does): the limit is met while reading. */
  function chunked(rows: number): ReadableStream<Uint8Array> {
    let i = 0
    return new ReadableStream({
      pull(controller) {
        if (i === 0) controller.enqueue(new TextEncoder().encode(header))
        if (i >= rows) return controller.close()
        let text = ''
        for (const end = Math.min(rows, i + 100); i < end; ) text += line(++i)
        controller.enqueue(new TextEncoder().encode(text))
      },
    })
  }

  async function send(api: TestApi, query: Record<string, string>, rows = 8000) {
    const response = await api.app.request(`/api/cases/import?${new URLSearchParams({ decimal: 'comma', thousands: 'point', ...query })}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.keys.admin}`, 'Content-Type': 'text/csv' },
      body: chunked(rows),
      duplex: 'half',
    } as RequestInit)
    return { status: response.status, problem: (await response.json()) as { detail: string; counts?: ImportReport['counts'] } }
  }

  it('answers 413 and says how many lines were kept before the cut; the stored report lists them', async () => {
    const api = await startApi({ limits: { import: 300_000 } })
    const { status, problem } = await send(api, {})
    expect(status).toBe(413)
    const kept = await storedIds(api)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(8000)
    expect(problem.detail).toMatch(
      new RegExp(
        `^the body is larger than 300000 bytes: the import stopped there; the rows before were imported \\(${kept.length} created, 0 updated, 0 refused\\); its report: /api/cases/imports/imp_[\\w-]+/report\\.csv$`,
      ),
    )
    const reportUrl = /its report: (\S+)$/.exec(problem.detail)![1]!
    const report = await api.app.request(reportUrl, { headers: { Authorization: `Bearer ${api.keys.admin}` } })
    const rows = (await report.text()).trim().split(/\r?\n/)
    expect(rows.filter((row) => /;created;|,created,/.test(row))).toHaveLength(kept.length)
  })

  it('imports a chunked upload within the limit as it streams', async () => {
    const api = await startApi({ limits: { import: 300_000 } })
    const { status, problem } = await send(api, {}, 1500)
    expect(status).toBe(200)
    expect(problem.counts).toEqual({ create: 1500, update: 0, refuse: 0 })
    expect(await storedIds(api)).toHaveLength(1500)
  })

  it('stores nothing when all-or-nothing was asked for', async () => {
    const api = await startApi({ limits: { import: 300_000 } })
    const { status, problem } = await send(api, { allOrNothing: 'true' })
    expect(status).toBe(413)
    expect(problem.detail).toBe('the body is larger than 300000 bytes: the import stopped there and stored nothing (all or nothing)')
    expect(await storedIds(api)).toEqual([])
  })
})
