import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { portfolio } from './engine-throughput'

const examples = new URL('../../examples', import.meta.url).pathname
const journey = JSON.parse(readFileSync(join(examples, 'friendly-reminder/journey.json'), 'utf8'))

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return { probes: sorted.length, p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted.at(-1) ?? 0) }
}

/** `/health` asked one request at a time, as a load balancer does, until `stop` says so; the latency of each answer. */
async function probe(
  url: string,
  stop: () => boolean,
  last: { body?: Record<string, unknown> } = {},
  phase: () => string = () => 'all',
  phases: Map<string, number[]> = new Map(),
): Promise<number[]> {
  const latencies: number[] = []
  while (!stop()) {
    const began = performance.now()
    // A kept-alive connection the server closed as the probe reused it is retried: the wait counts from the first try.
    for (let tries = 1; ; tries++) {
      try {
        const response = await fetch(`${url}/health`)
        last.body = (await response.json()) as Record<string, unknown>
        break
      } catch (error) {
        if (tries === 5) throw error
      }
    }
    const latency = performance.now() - began
    latencies.push(latency)
    const during = phase()
    phases.set(during, [...(phases.get(during) ?? []), latency])
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return latencies
}

async function post(url: string, path: string, body: string, type: string) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/**
 * `/health` latency from outside while the runtime takes a 200,000-event bulk for 20,000 cases and runs a 20,000-case,
 * 365-day simulation, against the same probe on the idle server (the ratio is what a shared machine cannot blur).
 */
export async function healthUnderLoad(options: { events: number; cases: number; simulationCases: number; days: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-health-'))
  const worker = new URL('./health-worker.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', worker, join(dir, 'db.sqlite'), examples], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk) => {
        out += chunk
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (line) resolve((JSON.parse(line) as { url: string }).url)
      })
      child.once('exit', (code) => reject(new Error(`health worker exited (${code})`)))
    })
    const cases = portfolio(options.cases)
    const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n')
    const imported = await post(url, '/api/cases/import', jsonl(cases), 'application/x-ndjson')
    if (imported.status !== 200) throw new Error(`import failed: ${JSON.stringify(imported.body).slice(0, 300)}`)

    let idleDone = false
    const idleTimer = setTimeout(() => (idleDone = true), 3000)
    const idle = await probe(url, () => idleDone)
    clearTimeout(idleTimer)

    const events = Array.from({ length: options.events }, (_, i) =>
      i < cases.length
        ? { id: `overdue/${cases[i]!.id}`, type: 'invoice.overdue', caseId: cases[i]!.id }
        : { id: `note/${i}`, type: 'note.added', caseId: cases[i % cases.length]!.id, data: { n: i } },
    )
    const simulation = JSON.stringify({
      journey,
      cases: portfolio(options.simulationCases),
      start: '2026-11-23T09:00:00Z',
      days: options.days,
    })
    const began = performance.now()
    let bulkDone = false
    let simulationDone = false
    let statuses: number[] = []
    const last: { body?: Record<string, unknown> } = {}
    const backlogEmpty = () => {
      const backlog = last.body?.backlog as { events?: number } | undefined
      return backlog !== undefined && backlog.events === 0
    }
    const bulk = post(url, '/api/events/bulk', jsonl(events), 'application/x-ndjson').then((answer) => {
      bulkDone = true
      return answer
    })
    const simulated = post(url, '/api/simulations', simulation, 'application/json').then((answer) => {
      simulationDone = true
      return answer
    })
    const progress = setInterval(() => {
      const backlog = last.body?.backlog as { events?: number; timers?: number } | undefined
      console.log(
        `    … ${((performance.now() - began) / 1000).toFixed(0)} s: bulk ${bulkDone ? 'answered' : 'sent'}, simulation ${simulationDone ? 'answered' : 'running'}, backlog ${backlog?.events ?? '?'} events, ${backlog?.timers ?? '?'} timers`,
      )
    }, 10_000)
    const phases = new Map<string, number[]>()
    const phase = () => (!bulkDone ? 'bulk being taken' : !simulationDone ? 'simulation running' : 'engine catching up')
    const loaded = await probe(url, () => bulkDone && simulationDone && (backlogEmpty() || performance.now() - began > 600_000), last, phase, phases)
    clearInterval(progress)
    const [bulkAnswer, simulationAnswer] = await Promise.all([bulk, simulated])
    statuses = [bulkAnswer.status, simulationAnswer.status]
    return {
      idle: summary(idle),
      loaded: summary(loaded),
      phases: Object.fromEntries([...phases].map(([name, latencies]) => [name, summary(latencies)])),
      seconds: (performance.now() - began) / 1000,
      statuses,
      accepted: bulkAnswer.body.accepted as number | undefined,
      health: last.body,
    }
  } finally {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}
