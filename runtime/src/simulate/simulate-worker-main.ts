import { parentPort } from 'node:worker_threads'
import { simulate, type SimulationInput } from './simulate'
import { TraceRequestError } from './trace'

/** What the thread sends back: the report as JSON text (one string crosses threads cheaply), or why it failed. */
export type WorkerAnswer = { ok: true; json: string } | { ok: false; kind: 'trace' | 'other'; message: string }

// One simulation at a time per thread; the thread stays for the next one (loading the runtime takes seconds).
parentPort!.on('message', async (input: SimulationInput) => {
  let answer: WorkerAnswer
  try {
    answer = { ok: true, json: JSON.stringify(await simulate(input)) }
  } catch (error) {
    answer = { ok: false, kind: error instanceof TraceRequestError ? 'trace' : 'other', message: error instanceof Error ? error.message : String(error) }
  }
  parentPort!.postMessage(answer)
})
