import { startServer } from '@dunwell/runtime'
import { type Command, policyOption } from '../command'
import { UsageError, type CliIo } from '../io'
import { readPolicyFile } from './policy-file'

export const serveRuntime: Command = {
  name: 'serve',
  synopsis: ['dunwell serve [--db <file>] [--host 127.0.0.1] [--port 3000] [--examples <folder>] [--policy <policy.json>] [--dev] [--test-clock <ISO time>]'],
  summary: 'run the runtime: the HTTP API, the scheduler and the editor',
  description:
    'Runs the runtime: the HTTP API (docs at /docs), the scheduler, and the editor at / (when it is built). The first start\ncreates the database and prints an admin API key once. Runs until SIGINT or SIGTERM.',
  options: {
    db: { type: 'string', value: 'file', description: 'the SQLite database (else $DUNWELL_DB, else ./dunwell.sqlite)' },
    host: { type: 'string', value: 'address', description: 'the address to listen on (127.0.0.1)' },
    port: { type: 'string', value: 'port', description: 'the port to listen on (3000)' },
    examples: { type: 'string', value: 'folder', description: 'publish every <folder>/*/journey.json on start' },
    policy: policyOption,
    dev: { type: 'boolean', description: 'no API keys, for requests from this machine only' },
    'test-clock': { type: 'string', value: 'ISO time', description: 'run on a virtual clock from that time, moved by POST /api/test/clock' },
  },
  run: (io, args, options) => {
    if (args.length > 0) throw new UsageError('serve takes no arguments, only options')
    // Run from this repository's sources, the editor's build beside them (the server looks for it on each request, so
    // it may be built later); an installed command has no editor to serve.
    const editor = import.meta.url.endsWith('.ts') ? new URL('../../../../editor/dist', import.meta.url).pathname : undefined
    return serveCommand(io, options as unknown as ServeOptions, editor)
  },
}

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
