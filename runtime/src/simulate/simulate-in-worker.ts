import { Worker } from 'node:worker_threads'
import type { SimulationInput } from './simulate'
import type { WorkerAnswer } from './simulate-worker-main'
import { TraceRequestError } from './trace'

const entry = new URL('./simulate-worker.mjs', import.meta.url)

/**
 * A simulation in a thread of its own: its engine, its database and its report (reading and writing JSON of tens of
 * megabytes for 20,000 cases) take another core, and the server's own thread stays free to answer. Resolves with
 * the report as JSON text; a trace asked wrongly is a `TraceRequestError`, as from `simulate`.
 */
export function simulateInWorker(input: Omit<SimulationInput, 'onProgress' | 'file'>): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: input })
    let settled = false
    worker.once('message', (answer: WorkerAnswer) => {
      settled = true
      if (answer.ok) resolve(answer.json)
      else reject(answer.kind === 'trace' ? new TraceRequestError(answer.message) : new Error(answer.message))
    })
    worker.once('error', (error) => {
      settled = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the simulation's thread stopped (${code}) before it answered`))
    })
  })
}
