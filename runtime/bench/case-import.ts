import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { parse } from 'csv-parse'
import { createReadStream } from 'node:fs'

/** The same cases as a German Excel export (semicolons, decimal commas, DD.MM.YYYY) and as JSON Lines. */
async function writeFiles(dir: string, rows: number) {
  const csv = createWriteStream(join(dir, 'cases.csv'))
  const jsonl = createWriteStream(join(dir, 'cases.jsonl'))
  csv.write('Rechnungsnummer;Vorname;Nachname;E-Mail;Telefon;Land;Betrag;Währung;Fällig am\r\n')
  for (let i = 0; i < rows; i++) {
    const cents = 5000 + (i % 100_000)
    const amount = `${Math.floor(cents / 100).toLocaleString('de-DE')},${String(cents % 100).padStart(2, '0')}`
    const phone = `0151 ${String(10_000_000 + (i % 89_999_999))}`
    const ok = csv.write(`R-${i};Jürgen;Groß ${i};debtor${i}@example.de;${phone};DE;${amount};EUR;${String(1 + (i % 28)).padStart(2, '0')}.11.2026\r\n`)
    jsonl.write(
      `${JSON.stringify({ id: `R-${i}`, debtor: { firstName: 'Jürgen', lastName: `Groß ${i}`, email: `debtor${i}@example.de`, phone: `+49151${String(10_000_000 + (i % 89_999_999))}`, country: 'DE' }, amountDue: cents / 100, currency: 'EUR', dueDate: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}` })}\n`,
    )
    if (!ok) await once(csv, 'drain')
  }
  csv.end()
  jsonl.end()
  await Promise.all([once(csv, 'finish'), once(jsonl, 'finish')])
}

/** csv-parse alone over the same file: what reading CSV costs before Dunwell does anything with it. */
async function parseOnly(file: string): Promise<number> {
  const began = performance.now()
  let count = 0
  for await (const _ of createReadStream(file).pipe(parse({ delimiter: ';' }))) count++
  return count / ((performance.now() - began) / 1000)
}

function run(file: string, format: 'csv' | 'jsonl') {
  const worker = new URL('./case-import-worker.ts', import.meta.url).pathname
  const result = spawnSync(process.execPath, ['--import', 'tsx', worker, file, format], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (result.status !== 0) throw new Error(`import worker failed: ${result.stderr}`)
  const figures = JSON.parse(result.stdout.trim().split('\n').pop()!) as { rows: number; created: number; refused: number; seconds: number; peakRssMb: number }
  return { ...figures, rowsPerSecond: figures.rows / figures.seconds, megabytes: statSync(file).size / 1024 / 1024 }
}

/** CSV import against JSON Lines import of the same cases, each in its own process (rows/s and peak memory). */
export async function caseImport(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-import-files-'))
  try {
    await writeFiles(dir, rows)
    const parseRowsPerSecond = await parseOnly(join(dir, 'cases.csv'))
    const csv = run(join(dir, 'cases.csv'), 'csv')
    const jsonl = run(join(dir, 'cases.jsonl'), 'jsonl')
    return { csv, jsonl, parseRowsPerSecond }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
