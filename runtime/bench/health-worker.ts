// A runtime as `dunwell serve` runs it (API, scheduler, example journeys, recording channels) in its own process, so
// that the bench measures its answers from outside. Prints its URL as JSON, then serves until killed.
import { startServer } from '../src/index'

const [file, examples] = process.argv.slice(2) as [string, string]
const server = await startServer({ file, port: 0, open: true, examples, env: {}, log: () => undefined })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
