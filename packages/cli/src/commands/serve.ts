import { startServer } from '@dunwell/runtime'
import { UsageError, type CliIo } from '../io'
import { readPolicyFile } from './policy-file'

export const serveHelp = `dunwell serve [--db <file>] [--host 127.0.0.1] [--port 3000] [--examples <folder>] [--policy <policy.json>]
              [--dev] [--test-clock <ISO time>]
  Runs the runtime: the HTTP API (docs at /docs), the scheduler, and the editor at /. The first start creates the
  database and prints an admin API key once. --dev runs without API keys, for this machine only.
  --test-clock runs on a virtual clock that POST /api/test/clock moves (tests and demos).`

export interface ServeOptions {
  db?: string
  host?: string
  port?: string
  examples?: string
  policy?: string
  dev: boolean
  'test-clock'?: string
}

/** Runs until SIGINT or SIGTERM, then lets the batch in hand finish and closes the database. */
export async function serveCommand(io: CliIo, options: ServeOptions, editor?: string): Promise<number> {
  const port = options.port ? Number(options.port) : 3000
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number')
  if (options['test-clock'] && Number.isNaN(Date.parse(options['test-clock'])))
    throw new UsageError('--test-clock must be an ISO time, e.g. 2026-11-23T09:00:00Z')
  const policy = options.policy ? await readPolicyFile(io, options.policy) : undefined
  if (options.policy && !policy) return 1
  const server = await startServer({
    file: io.resolvePath(options.db ?? process.env.DUNWELL_DB ?? 'dunwell.sqlite'),
    host: options.host ?? '127.0.0.1',
    port,
    open: options.dev,
    ...(options['test-clock'] ? { testClock: options['test-clock'] } : {}),
    ...(options.examples ? { examples: io.resolvePath(options.examples) } : {}),
    ...(editor ? { editor } : {}),
    ...(policy ? { policy } : {}),
    log: (line) => io.stdout(`${line}\n`),
  })
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  io.stdout('stopping: finishing the batch in hand …\n')
  await server.close()
  io.stdout('stopped\n')
  return 0
}
