import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { seeded } from './testing/seeded'

const root = new URL('../../', import.meta.url).pathname
const worker = new URL('./testing/crash-worker.ts', import.meta.url).pathname
const journey = join(root, 'examples/friendly-reminder/journey.json')

/** 60 cases: some pay, some promise, one disputes; the rest walk the whole journey. */
function portfolio(dir: string): { cases: string; events: string } {
  const template = readFileSync(join(root, 'examples/friendly-reminder/cases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const cases = Array.from({ length: 60 }, (_, i) => ({ ...template[i % template.length], id: `crash-${i}` }))
  const events = cases.flatMap((c, i) =>
    i % 4 === 0
      ? [
          {
            id: `pay-${i}`,
            type: 'payment.received',
            caseId: c.id,
            at: `2026-11-${String(24 + (i % 6)).padStart(2, '0')}T10:00:00Z`,
            data: { amount: c.amountDue },
          },
        ]
      : i % 7 === 0
        ? [{ id: `promise-${i}`, type: 'promise.made', caseId: c.id, at: '2026-11-30T12:00:00Z', data: {} }]
        : [],
  )
  writeFileSync(join(dir, 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n'))
  writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'))
  return { cases: join(dir, 'cases.jsonl'), events: join(dir, 'events.jsonl') }
}

/**
 * Runs the worker; with `killAt`, SIGKILLs it the moment it reports that many messages handed to the provider (and not
 * yet recorded as sent): always mid-work, wherever the machine's speed puts the clock. Stretches of the clock are not
 * counted: a restarted worker walks again, without work, the stretches it had already done.
 */
function runWorker(dir: string, files: { cases: string; events: string }, killAt?: number): Promise<{ result: 'finished' | 'killed'; points: number }> {
  return new Promise((resolve, reject) => {
    // Node itself runs the worker with tsx's loader: the tsx command would run it in a child of its own, and the
    // SIGKILL would reach only that wrapper while the runtime went on (holding the database).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', worker, join(dir, 'db.sqlite'), journey, files.cases, files.events, join(dir, 'deliveries.log'), '2026-11-23T09:00:00Z', '40'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    let points = 0
    let pending = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        if (line !== 'delivered' || points === killAt) continue
        points++
        if (points === killAt) child.kill('SIGKILL')
      }
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ result: 'killed', points })
      else if (code === 0) resolve({ result: 'finished', points })
      else reject(new Error(`worker failed (${code}): ${stderr}`))
    })
  })
}

function outcome(dir: string) {
  const db = new Database(join(dir, 'db.sqlite'), { readonly: true })
  const messages = db.prepare(`select id, status from outbox where channel != 'call' order by id`).all() as { id: string; status: string }[]
  const enrolments = db.prepare(`select id, status, outcome from enrolments order by id`).all()
  db.close()
  const log = existsSync(join(dir, 'deliveries.log'))
    ? readFileSync(join(dir, 'deliveries.log'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]!)
    : []
  return { messages, enrolments, delivered: log }
}

describe('crash safety', () => {
  it('a runtime killed with SIGKILL at chosen moments of its work and restarted ends with exactly the messages of an uninterrupted run', async () => {
    const reference = mkdtempSync(join(tmpdir(), 'dunwell-reference-'))
    const files = portfolio(reference)
    const uninterrupted = await runWorker(reference, files)
    expect(uninterrupted.result).toBe('finished')
    const expected = outcome(reference)
    expect(expected.messages.length).toBeGreaterThan(100)
    expect(new Set(expected.delivered).size).toBe(expected.delivered.length)
    // Deliveries: the work a kill falls into (three kills of at most 25 each leave work for the last start).
    expect(uninterrupted.points).toBeGreaterThan(100)

    const random = seeded(20261203)
    for (let run = 0; run < 2; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'dunwell-crash-'))
      writeFileSync(join(dir, 'cases.jsonl'), readFileSync(files.cases))
      writeFileSync(join(dir, 'events.jsonl'), readFileSync(files.events))
      const copies = { cases: join(dir, 'cases.jsonl'), events: join(dir, 'events.jsonl') }
      // Three kills a run, each within the first part of what is left (so it always falls mid-work), then to the end.
      for (let kill = 0; kill < 3; kill++) {
        const at = 1 + Math.floor(random() * 25)
        const killed = await runWorker(dir, copies, at)
        expect(killed).toEqual({ result: 'killed', points: at })
      }
      expect((await runWorker(dir, copies)).result).toBe('finished')
      const after = outcome(dir)
      expect(after.messages).toEqual(expected.messages)
      expect(after.enrolments).toEqual(expected.enrolments)
      // The provider saw every message; a resend after a crash carries the same idempotency key.
      expect([...new Set(after.delivered)].sort()).toEqual([...new Set(expected.delivered)].sort())
    }
  }, 240_000)
})
