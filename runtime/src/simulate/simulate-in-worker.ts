import { Worker } from 'node:worker_threads'
import type { SimulationInput } from './simulate'
import type { WorkerAnswer } from './simulate-worker-main'
import { TraceRequestError } from './trace'

const entry = new URL('./simulate-worker.mjs', import.meta.url)

/** Threads kept for the next simulation: starting one loads the whole runtime, which takes seconds. */
const idle: Worker[] = []
const KEEP = 2

function take(): Worker {
  const worker = idle.pop() ?? new Worker(entry)
  worker.ref()
  return worker
}

function giveBack(worker: Worker): void {
  if (idle.length >= KEEP) {
    void worker.terminate()
    return
  }
  // An idle thread does not keep the process alive.
  worker.unref()
  idle.push(worker)
}

/** Starts a simulation thread ahead of the first simulation (a server does, so that the editor's first test run is quick). */
export function warmSimulationThread(): void {
  if (idle.length === 0) giveBack(new Worker(entry))
}

/**
 * A simulation in a thread of its own: its engine, its database and its report (reading and writing JSON of tens of
 * megabytes for 20,000 cases) take another core, and the server's own thread stays free to answer. Resolves with
 * the report as JSON text; a trace asked wrongly is a `TraceRequestError`, as from `simulate`.
 */
export function simulateInWorker(input: Omit<SimulationInput, 'onProgress' | 'file'>): Promise<string> {
  const worker = take()
  return new Promise<string>((resolve, reject) => {
    const onMessage = (answer: WorkerAnswer) => {
      cleanup()
      giveBack(worker)
      if (answer.ok) resolve(answer.json)
      else reject(answer.kind === 'trace' ? new TraceRequestError(answer.message) : new Error(answer.message))
    }
    const onError = (error: Error) => {
      cleanup()
      void worker.terminate()
      reject(error)
    }
    const onExit = (code: number) => {
      cleanup()
      reject(new Error(`the simulation's thread stopped (${code}) before it answered`))
    }
    const cleanup = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(input)
  })
}
