// pnpm bench: the engine's throughput against the physical ceiling of the same SQLite file system, in one run.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { engineRun } from './engine-throughput'

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, rows: { type: 'string', default: '500000' } } })
const caseCount = Number(values.cases)
const rowCount = Number(values.rows)

/** (a) Raw better-sqlite3: step-sized rows, 1,000 per transaction, on a file: what the disk and SQLite allow. */
function rawCeiling(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-raw-'))
  const db = new Database(join(dir, 'raw.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('create table steps (id integer primary key, enrolment text not null, node text not null, at integer not null, detail text not null)')
  const insert = db.prepare('insert into steps (enrolment, node, at, detail) values (?, ?, ?, ?)')
  const write = db.transaction((from: number) => {
    for (let i = from; i < from + 1000; i++) insert.run(`journey/case-${i % 100_000}/1`, `node-${i % 12}`, 1_795_000_000_000 + i, '{"type":"wait"}')
  })
  const began = performance.now()
  for (let i = 0; i < rows; i += 1000) write(i)
  const seconds = (performance.now() - began) / 1000
  db.close()
  rmSync(dir, { recursive: true, force: true })
  return { rows, seconds, perSecond: rows / seconds }
}

const round = (value: number) => Math.round(value)
const started = performance.now()
console.log(`Dunwell benchmark — ${new Date().toISOString()}, Node ${process.version}`)
console.log(`(a) raw better-sqlite3, ${rowCount.toLocaleString('en')} step-sized rows, 1,000 per transaction …`)
const raw = rawCeiling(rowCount)
console.log(`    ${round(raw.perSecond).toLocaleString('en')} rows/s (${raw.seconds.toFixed(2)} s)`)
console.log(`(b) engine: ${caseCount.toLocaleString('en')} cases through examples/friendly-reminder on the virtual clock (40 days) …`)
const engine = await engineRun(caseCount, new URL('../../examples/friendly-reminder/journey.json', import.meta.url).pathname)
const stepsPerSecond = engine.steps / engine.seconds
console.log(`    ${engine.steps.toLocaleString('en')} steps (nodes entered), ${engine.messages.toLocaleString('en')} outbox entries, ${engine.batches} batches`)
console.log(`    ${round(stepsPerSecond).toLocaleString('en')} steps/s (${engine.seconds.toFixed(2)} s)`)
const ratio = stepsPerSecond / raw.perSecond
const peakRssMb = process.resourceUsage().maxRSS / 1024
const wall = (performance.now() - started) / 1000
console.log(`ratio engine/raw: ${ratio.toFixed(4)} (aim: 0.1, goal: 0.5); wall ${wall.toFixed(1)} s; peak RSS ${round(peakRssMb)} MB`)
console.log(
  JSON.stringify({
    rawRowsPerSecond: round(raw.perSecond),
    engineStepsPerSecond: round(stepsPerSecond),
    ratio: Number(ratio.toFixed(4)),
    cases: caseCount,
    steps: engine.steps,
    messages: engine.messages,
    engineSeconds: Number(engine.seconds.toFixed(2)),
    wallSeconds: Number(wall.toFixed(1)),
    peakRssMb: round(peakRssMb),
  }),
)
