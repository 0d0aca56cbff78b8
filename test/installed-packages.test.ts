import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// A developer outside this repository: the packed packages installed with npm into an empty project, the embedding
// example compiled there against their declarations (as a project on `module: nodenext` would) and run by plain
// Node, on the port its environment names, then called through the installed client.
const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const packages = ['packages/journey', 'packages/contract', 'packages/client', 'runtime', 'packages/cli']
const runtimeManifest = JSON.parse(readFileSync(join(root, 'runtime/package.json'), 'utf8'))
const require = createRequire(join(root, 'runtime/package.json'))
// The workspace's better-sqlite3, compiled for this Node by `pnpm install`: the project installs the same version and
// takes its binding rather than compiling SQLite again for minutes (that build is better-sqlite3's, not ours to test).
const sqliteFolder = join(require.resolve('better-sqlite3'), '../..')
const sqliteVersion: string = JSON.parse(readFileSync(join(sqliteFolder, 'package.json'), 'utf8')).version
const tsc = join(root, 'node_modules/typescript', createRequire(join(root, 'package.json'))('typescript/package.json').bin.tsc)

/** The environment without what pnpm sets for its scripts (npm would take its settings for its own). */
function outsideEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(name)))
  // Should better-sqlite3 have to build from source, node-gyp takes Node's headers from Debian's package.
  if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr'
  return { ...env, ...extra }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Resolves with the first line matching `pattern`; rejects when the process ends or the deadline passes first. */
function lineOf(child: ChildProcess, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => finish(new Error(`no line like ${pattern} within ${ms} ms:\n${output}`)), ms)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = pattern.exec(output)
      if (match) finish(undefined, match)
    }
    const onExit = (code: number | null) => finish(new Error(`the example stopped (${code}) before it listened:\n${output}`))
    const finish = (error?: Error, match?: RegExpExecArray) => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(match!)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

describe('the packed packages, installed outside the workspace', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dunwell-install-')))
  let example: ChildProcess | undefined
  afterAll(async () => {
    if (example && example.exitCode === null && example.signalCode === null) {
      const exited = new Promise((resolve) => example!.once('exit', resolve))
      example.kill('SIGKILL')
      await exited
    }
    // Hundreds of installed packages: removing them takes a while on a busy machine.
    rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  it('install with npm, and the embedding example runs from them with plain Node on $PORT', async () => {
    expect(relative(realpathSync(root), dir).startsWith('..')).toBe(true)
    const tarballs = join(dir, 'tarballs')
    const project = join(dir, 'host')
    mkdirSync(tarballs)
    mkdirSync(project)
    // `pnpm pack` builds each package (prepack) and writes the published manifest: exports to dist/, versions for workspace:*.
    for (const folder of packages) await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, folder), timeout: 180_000 })
    const files = readdirSync(tarballs).sort()
    expect(files).toEqual([
      'dunwell-cli-0.1.0.tgz',
      'dunwell-client-0.1.0.tgz',
      'dunwell-contract-0.1.0.tgz',
      'dunwell-journey-0.1.0.tgz',
      'dunwell-runtime-0.1.0.tgz',
    ])

    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'host', private: true, type: 'module', allowScripts: { 'better-sqlite3': false, '@scarf/scarf': false } }),
    )
    const { dependencies } = runtimeManifest
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...files.map((file) => join(tarballs, file)),
        `better-sqlite3@${sqliteVersion}`,
        `hono@${dependencies.hono}`,
        `@hono/node-server@${dependencies['@hono/node-server']}`,
      ],
      { cwd: project, env: outsideEnv({}), timeout: 480_000, maxBuffer: 1 << 24 },
    )
    const binding = 'build/Release/better_sqlite3.node'
    mkdirSync(join(project, 'node_modules/better-sqlite3/build/Release'), { recursive: true })
    copyFileSync(join(sqliteFolder, binding), join(project, 'node_modules/better-sqlite3', binding))
    // What was installed is the build: no TypeScript sources, no tsx.
    const installed = join(project, 'node_modules/@dunwell/runtime')
    expect(readdirSync(installed).sort()).toEqual(['dist', 'package.json'])
    expect(existsSync(join(project, 'node_modules/@dunwell/client/src'))).toBe(false)
    // The client runs no runtime code: its JavaScript imports openapi-fetch alone.
    const client = join(project, 'node_modules/@dunwell/client')
    expect(JSON.parse(readFileSync(join(client, 'package.json'), 'utf8')).dependencies).not.toHaveProperty('@dunwell/runtime')
    const clientImports = [...readFileSync(join(client, 'dist/index.mjs'), 'utf8').matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((match) => match[1])
    expect(new Set(clientImports)).toEqual(new Set(['openapi-fetch']))

    // The installed command runs its build.
    const dunwell = join(project, 'node_modules/.bin/dunwell')
    expect((await run(dunwell, ['--help'], { cwd: project, env: outsideEnv({}), timeout: 60_000 })).stdout).toMatch(/^ {2}serve +run the runtime/m)
    copyFileSync(join(root, 'examples/friendly-reminder/journey.json'), join(project, 'journey.json'))
    const same = await run(dunwell, ['diff', 'journey.json', 'journey.json'], { cwd: project, env: outsideEnv({}), timeout: 60_000 })
    expect(same.stdout).toBe('No differences: the two are the same journey.\n')

    copyFileSync(join(root, 'examples/embedding/host-service.ts'), join(project, 'host-service.ts'))
    copyFileSync(join(root, 'test/installed/client-check.ts'), join(project, 'client-check.ts'))
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: 'out' },
        files: ['host-service.ts', 'client-check.ts'],
      }),
    )
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, timeout: 120_000 })

    const port = await freePort()
    example = spawn(process.execPath, ['out/host-service.js'], { cwd: project, env: outsideEnv({ PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] })
    const [, listening, key] = await lineOf(example, /Host service on (http:\/\/127\.0\.0\.1:\d+); Dunwell under \/collections \(admin key: (dw_\w+)\)/, 60_000)
    expect(listening).toBe(`http://127.0.0.1:${port}`)

    const health = await fetch(`${listening}/collections/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })

    const { stdout } = await run(process.execPath, ['out/client-check.js'], {
      cwd: project,
      env: outsideEnv({ DUNWELL_URL: `${listening}/collections`, DUNWELL_KEY: key! }),
      timeout: 60_000,
    })
    expect(JSON.parse(stdout)).toEqual({
      role: 'admin',
      case: { id: 'inv-1', balance: 120, currency: 'EUR' },
      simulated: { journey: 'friendly-reminder', cases: ['sim-1'] },
    })

    // SIGTERM: the example closes its server, then the scheduler and the database, and exits by itself.
    const exited = new Promise<number | null>((resolve) => example!.once('exit', resolve))
    example.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 900_000)
})
