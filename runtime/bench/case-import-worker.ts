// One import of a file, in its own process so that its peak memory is its own: prints one JSON line.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine, VirtualClock, importCases, openSqlite } from '../src/index'

const [file, format] = process.argv.slice(2) as [string, 'csv' | 'jsonl']
const dir = mkdtempSync(join(tmpdir(), 'dunwell-import-bench-'))
const opened = await openSqlite(join(dir, 'bench.sqlite'))
const engine = await new Engine({ db: opened.db, store: opened.store, clock: new VirtualClock(new Date('2026-11-23T09:00:00Z')) }).start()
const began = performance.now()
const report = await importCases(
  { db: opened.db, upsertCases: (cases) => engine.upsertCases(cases), now: () => engine.clock.now() },
  createReadStream(file, { highWaterMark: 256 * 1024 }),
  { format },
)
const seconds = (performance.now() - began) / 1000
await opened.close()
rmSync(dir, { recursive: true, force: true })
console.log(
  JSON.stringify({
    rows: report.rows,
    created: report.counts.create,
    refused: report.counts.refuse,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
)
