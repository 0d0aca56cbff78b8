// pnpm bench: the engine's throughput against the physical ceiling of the same SQLite file system, in one run.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { compile, createJourneyMachine, journeyEvents } from '@dunwell/journey'
import { initialTransition, transition } from 'xstate'
import { engineRun } from './engine-throughput'
import { editorCanvas } from './editor-canvas'
import { httpIngest } from './http-ingest'
import { caseImport } from './case-import'
import { healthUnderLoad } from './health-under-load'
import { portalPage } from './portal-page'

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    rows: { type: 'string', default: '500000' },
    seconds: { type: 'string', default: '10' },
    nodes: { type: 'string', default: '500' },
    'import-rows': { type: 'string', default: '200000' },
    /** Some of engine, http, import, editor, health, portal (comma-separated); all by default. */
    only: { type: 'string', default: 'engine,http,import,editor,health,portal' },
    'health-events': { type: 'string', default: '200000' },
    'health-simulation-cases': { type: 'string', default: '20000' },
  },
})
const parts = new Set(values.only.split(',').map((part) => part.trim()))
for (const part of parts)
  if (!['engine', 'http', 'import', 'editor', 'health', 'portal'].includes(part))
    throw new Error(`--only: unknown part "${part}" (engine, http, import, editor, health, portal)`)
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

/** (c) XState's pure transition() alone, on the same journey: a bound no engine built on it can pass. */
function xstateAlone(journeyFile: string, count: number) {
  const compiled = compile(JSON.parse(readFileSync(journeyFile, 'utf8')))
  if (!compiled.ok) throw new Error('the benchmark journey does not compile')
  const machine = createJourneyMachine(compiled.config, { 'dunwell.when': () => false, 'dunwell.variant': () => true })
  const [first] = initialTransition(machine, { caseId: 'bench' })
  const event = { type: journeyEvents.sent(String(first.value)) }
  const began = performance.now()
  for (let i = 0; i < count; i++) transition(machine, first, event)
  return count / ((performance.now() - began) / 1000)
}

const round = (value: number) => Math.round(value)
const started = performance.now()
const figures: Record<string, number> = {}
console.log(`Dunwell benchmark — ${new Date().toISOString()}, Node ${process.version}`)

if (parts.has('engine')) {
  console.log(`(a) raw better-sqlite3, ${rowCount.toLocaleString('en')} step-sized rows, 1,000 per transaction …`)
  const raw = rawCeiling(rowCount)
  console.log(`    ${round(raw.perSecond).toLocaleString('en')} rows/s (${raw.seconds.toFixed(2)} s)`)
  console.log(`(b) engine: ${caseCount.toLocaleString('en')} cases through examples/friendly-reminder on the virtual clock (40 days) …`)
  const journeyFile = new URL('../../examples/friendly-reminder/journey.json', import.meta.url).pathname
  const engine = await engineRun(caseCount, journeyFile)
  const stepsPerSecond = engine.steps / engine.seconds
  console.log(
    `    ${engine.steps.toLocaleString('en')} steps (nodes entered), ${engine.messages.toLocaleString('en')} outbox entries, ${engine.batches} batches`,
  )
  console.log(`    ${round(stepsPerSecond).toLocaleString('en')} steps/s (${engine.seconds.toFixed(2)} s)`)
  const transitions = xstateAlone(journeyFile, 50_000)
  console.log(
    `(c) XState transition() alone on that journey: ${round(transitions).toLocaleString('en')} transitions/s, a ceiling of ${(transitions / raw.perSecond).toFixed(3)} for the ratio`,
  )
  const ratio = stepsPerSecond / raw.perSecond
  console.log(`    ratio engine/raw: ${ratio.toFixed(4)} (aim: 0.1, goal: 0.5)`)
  Object.assign(figures, {
    rawRowsPerSecond: round(raw.perSecond),
    engineStepsPerSecond: round(stepsPerSecond),
    ratio: Number(ratio.toFixed(4)),
    xstateTransitionsPerSecond: round(transitions),
    cases: caseCount,
    steps: engine.steps,
    messages: engine.messages,
    engineSeconds: Number(engine.seconds.toFixed(2)),
  })
}

if (parts.has('http')) {
  console.log(`(d) event ingest over HTTP (POST /api/events, 20 connections, ${values.seconds} s each) against a bare Hono endpoint …`)
  const http = await httpIngest({ seconds: Number(values.seconds), rate: 2000 })
  const row = (name: string, r: { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }) =>
    console.log(
      `    ${name.padEnd(28)} ${round(r.requestsPerSecond).toLocaleString('en').padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx + r.errors > 0 ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`,
    )
  row('bare Hono, as fast as it goes', http.bareMax)
  row('Dunwell, as fast as it goes', http.dunwellMax)
  row('bare Hono at 2,000 req/s', http.bareAtRate)
  row('Dunwell at 2,000 req/s', http.dunwellAtRate)
  console.log(
    `    throughput ratio Dunwell/bare: ${(http.dunwellMax.requestsPerSecond / http.bareMax.requestsPerSecond).toFixed(3)}; p99 at 2,000 req/s: ${http.dunwellAtRate.p99} ms (goal < 10 ms; bare Hono ${http.bareAtRate.p99} ms)`,
  )
  console.log(
    `(e) bulk ingest (POST /api/events/bulk, JSON Lines, 10,000 a request): ${round(http.bulk.perSecond).toLocaleString('en')} events/s (goal ≥ 50,000)`,
  )
  Object.assign(figures, {
    ingestRequestsPerSecond: round(http.dunwellMax.requestsPerSecond),
    bareHonoRequestsPerSecond: round(http.bareMax.requestsPerSecond),
    ingestP99AtRateMs: http.dunwellAtRate.p99,
    bareP99AtRateMs: http.bareAtRate.p99,
    bulkEventsPerSecond: round(http.bulk.perSecond),
  })
}

if (parts.has('health')) {
  const events = Number(values['health-events'])
  const simulationCases = Number(values['health-simulation-cases'])
  console.log(
    `(h) /health from outside, idle and while the server takes ${events.toLocaleString('en')} events in one bulk and simulates ${simulationCases.toLocaleString('en')} cases over 365 days …`,
  )
  const result = await healthUnderLoad({ events, cases: 20_000, simulationCases, days: 365 })
  const line = (name: string, r: { probes: number; p50: number; p99: number; max: number }) =>
    console.log(`    ${name.padEnd(11)} p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  (${r.probes} probes)`)
  line('idle', result.idle)
  line('under load', result.loaded)
  for (const [name, r] of Object.entries(result.phases)) line(`  ${name}`, r)
  console.log(
    `    bulk and simulation answered ${result.statuses.join(' and ')}, all processed in ${result.seconds.toFixed(1)} s; p99 ratio loaded/idle ${(result.loaded.p99 / Math.max(0.1, result.idle.p99)).toFixed(1)} (goal: p99 < 100 ms)`,
  )
  Object.assign(figures, {
    healthP99IdleMs: result.idle.p99,
    healthP99LoadedMs: result.loaded.p99,
    healthMaxLoadedMs: result.loaded.max,
    healthLoadSeconds: Number(result.seconds.toFixed(1)),
  })
}

if (parts.has('import')) {
  const rows = Number(values['import-rows'])
  console.log(
    `(g) case import: ${rows.toLocaleString('en')} cases as a German CSV export and as JSON Lines, each streamed into a new SQLite file in its own process …`,
  )
  const result = await caseImport(rows)
  const line = (name: string, r: Awaited<ReturnType<typeof caseImport>>['csv']) =>
    console.log(
      `    ${name.padEnd(11)} ${round(r.rowsPerSecond).toLocaleString('en').padStart(7)} rows/s (${r.seconds.toFixed(1)} s, ${r.megabytes.toFixed(0)} MB file, ${r.created.toLocaleString('en')} created, ${r.refused} refused), peak RSS ${round(r.peakRssMb)} MB`,
    )
  line('CSV', result.csv)
  line('JSON Lines', result.jsonl)
  console.log(
    `    csv-parse alone on the CSV: ${round(result.parseRowsPerSecond).toLocaleString('en')} rows/s; ratio CSV import/JSON Lines import: ${(result.csv.rowsPerSecond / result.jsonl.rowsPerSecond).toFixed(2)}`,
  )
  Object.assign(figures, {
    importRows: rows,
    csvImportRowsPerSecond: round(result.csv.rowsPerSecond),
    jsonlImportRowsPerSecond: round(result.jsonl.rowsPerSecond),
    csvParseRowsPerSecond: round(result.parseRowsPerSecond),
    csvImportPeakRssMb: round(result.csv.peakRssMb),
    jsonlImportPeakRssMb: round(result.jsonl.peakRssMb),
  })
}

if (parts.has('editor')) {
  console.log(
    `(f) the editor in Chromium (editor/dist — build it first): a ${values.nodes}-node journey against the 13-node example, opened (best of 3) and panned for 3 s …`,
  )
  const canvas = await editorCanvas({ size: Number(values.nodes) })
  const line = (name: string, r: Awaited<ReturnType<typeof editorCanvas>>['small']) =>
    console.log(
      `    ${name.padEnd(24)} (${String(r.drawn).padStart(3)} drawn) opens in ${round(r.openMs).toLocaleString('en').padStart(5)} ms; pans at ${r.pan.fps.toFixed(0).padStart(3)} fps (mean frame ${r.pan.meanMs.toFixed(1)} ms, p95 ${r.pan.p95Ms.toFixed(1)} ms, ${r.pan.longFrames} frames over 50 ms of ${r.pan.frames})`,
    )
  line(`${canvas.small.nodes} nodes (example)`, canvas.small)
  line(`${canvas.large.nodes} nodes`, canvas.large)
  console.log(
    `    open ratio large/small: ${(canvas.large.openMs / canvas.small.openMs).toFixed(2)} (goal: the large one under 1,000 ms); pan frame ratio: ${(canvas.large.pan.meanMs / canvas.small.pan.meanMs).toFixed(2)}`,
  )
  Object.assign(figures, {
    editorNodes: canvas.large.nodes,
    editorOpenMs: round(canvas.large.openMs),
    editorOpenSmallMs: round(canvas.small.openMs),
    editorPanFps: Number(canvas.large.pan.fps.toFixed(1)),
    editorPanP95Ms: Number(canvas.large.pan.p95Ms.toFixed(1)),
    editorPanSmallFps: Number(canvas.small.pan.fps.toFixed(1)),
  })
}

if (parts.has('portal')) {
  console.log(`(h) the debtor's portal page (GET /portal/<token>, 20 connections, ${values.seconds} s each) against a bare Hono answering the same page …`)
  const portal = await portalPage({ seconds: Number(values.seconds), cases: 1000 })
  const row = (name: string, r: Awaited<ReturnType<typeof portalPage>>['bare']) =>
    console.log(
      `    ${name.padEnd(28)} ${round(r.requestsPerSecond).toLocaleString('en').padStart(7)} pages/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx + r.errors > 0 ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`,
    )
  row('bare Hono, the same bytes', portal.bare)
  row('Dunwell portal', portal.portal)
  console.log(
    `    ratio Dunwell/bare: ${(portal.portal.requestsPerSecond / portal.bare.requestsPerSecond).toFixed(3)}; the page: ${portal.htmlBytes.toLocaleString('en')} bytes (${portal.gzipBytes.toLocaleString('en')} gzipped), ${portal.subresources} subresources, ${portal.external} from other hosts, scripts ${portal.scriptAllowed ? 'allowed' : 'refused by its CSP'}`,
  )
  Object.assign(figures, {
    portalPagesPerSecond: round(portal.portal.requestsPerSecond),
    portalBarePagesPerSecond: round(portal.bare.requestsPerSecond),
    portalP99Ms: portal.portal.p99,
    portalHtmlBytes: portal.htmlBytes,
    portalGzipBytes: portal.gzipBytes,
    portalExternalRequests: portal.external,
  })
}

const peakRssMb = process.resourceUsage().maxRSS / 1024
const wall = (performance.now() - started) / 1000
console.log(`wall ${wall.toFixed(1)} s; peak RSS ${round(peakRssMb)} MB`)
console.log(JSON.stringify({ ...figures, wallSeconds: Number(wall.toFixed(1)), peakRssMb: round(peakRssMb) }))
