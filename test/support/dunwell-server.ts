// `dunwell serve` as users run it, in its own process: started on a free port, killed with SIGKILL when a test says
// so, and in any case when the test file ends.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import type { Smtp } from './smtp'

export const root = new URL('../../', import.meta.url).pathname
const cli = join(root, 'packages/cli/bin/dunwell.js')
/** Where the test clock of every server starts. */
export const START = '2026-11-23T08:30:00Z'
export const FROM = 'reminders@example.com'

const children = new Set<ChildProcess>()

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The environment of a server: the caller's, without any DUNWELL_ setting it may have, plus these. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DUNWELL_')))
  // The CLI resolves paths against INIT_CWD (where `pnpm dunwell` was typed).
  return { ...env, INIT_CWD: root, ...extra }
}

export interface Server {
  url: string
  child: ChildProcess
  /** Printed on the first start only. */
  adminKey: string | undefined
  output: () => string
  kill: () => Promise<void>
}

/** `dunwell serve` on a free port with its SMTP pointed at `smtp`, on a test clock that starts at `START`; resolves once it listens. */
export async function startDunwell(db: string, smtp: Smtp, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', String(port), '--examples', 'examples', '--test-clock', START], {
    cwd: root,
    env: serverEnv({ DUNWELL_SMTP_HOST: '127.0.0.1', DUNWELL_SMTP_PORT: String(smtp.port), DUNWELL_SMTP_FROM: FROM, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => children.delete(child))
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`
  const url = await new Promise<string>((resolve, reject) => {
    // A deadline for saying what went wrong, not a wait: the start itself is awaited by its line on stdout (a shared CI
    // machine under load has taken over 20 s).
    const timer = setTimeout(() => reject(new Error(`dunwell serve did not start in 60 s\n${output()}`)), 60_000)
    const look = () => {
      const found = /Dunwell runtime on (http:\/\/\S+)/.exec(stdout)
      if (found) {
        clearTimeout(timer)
        resolve(found[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`dunwell serve exited (${code ?? signal}) before it started\n${output()}`))
    })
  })
  const adminKey = /it is not shown again:\s+(\S+)/.exec(stdout)?.[1]
  return {
    url,
    child,
    adminKey,
    output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** Every server still running is killed when the test file ends, whatever happened. */
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
})
