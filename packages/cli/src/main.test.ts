import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { diffJourneys, format } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { commands } from './commands'
import { main, nodeIo } from './main'

const run = promisify(execFile)
const bin = new URL('../bin/dunwell.js', import.meta.url).pathname

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-cli-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

async function dunwell(args: string[], cwd: string) {
  const out: string[] = []
  const err: string[] = []
  const io = { ...nodeIo(), stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), resolvePath: (p: string) => join(cwd, p) }
  const code = await main(args, io)
  return { code, stdout: out.join(''), stderr: err.join('') }
}

const good = JSON.stringify(sampleJourney())
const brokenJourney = sampleJourney()
brokenJourney.nodes.find((node) => node.id === 'age')!.data = { branches: [{ id: 'young', label: 'Young', when: 'debtor.agee < 26' }] }
const broken = JSON.stringify(brokenJourney)

describe('dunwell validate', () => {
  it('exits 0 and says so for valid journeys', async () => {
    const dir = folder({ 'a.json': good, 'b.json': good })
    const result = await dunwell(['validate', 'a.json', 'b.json'], dir)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toBe('2 journeys checked: 0 errors, 0 warnings\n')
  })

  it('exits 1 and prints `file: node <id>: message` for each problem', async () => {
    const dir = folder({ 'good.json': good, 'broken.json': broken })
    const result = await dunwell(['validate', 'good.json', 'broken.json'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('broken.json: node age: branch "Young": `debtor.agee < 26`: Unknown field debtor.agee — did you mean debtor.age?\n')
    expect(result.stderr).toContain('2 journeys checked: 1 error, 0 warnings')
  })

  it('names a file that is not JSON, or not there, and goes on with the others', async () => {
    const dir = folder({ 'bad.json': '{"format": "dunwell/journey@1",\n  "id": }', 'good.json': good })
    const result = await dunwell(['validate', 'bad.json', 'missing.json', 'good.json'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^bad\.json: not valid JSON at line 2, column \d+/m)
    expect(result.stderr).toContain('missing.json: cannot read: no such file')
    expect(result.stderr).toContain('3 journeys checked: 2 errors')
  })

  it('prints warnings but still exits 0', async () => {
    const journey = sampleJourney()
    delete journey.templates.nudge!.body.de
    const result = await dunwell(['validate', 'w.json'], folder({ 'w.json': JSON.stringify(journey) }))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('w.json: templates.nudge.body: warning: template "nudge" has no body in "de"')
  })
})

describe('dunwell compile', () => {
  it('prints the machine config as JSON', async () => {
    const result = await dunwell(['compile', 'a.json'], folder({ 'a.json': good }))
    expect(result.code).toBe(0)
    const config = JSON.parse(result.stdout)
    expect(config).toMatchObject({ id: 'sample', initial: 'start' })
    expect(Object.keys(config.states)).toContain('promise')
  })

  it('refuses a broken journey with its errors', async () => {
    const result = await dunwell(['compile', 'b.json'], folder({ 'b.json': broken }))
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toContain('node age:')
  })
})

describe('dunwell format', () => {
  it('rewrites a journey in the stable form, and --check then passes', async () => {
    const dir = folder({ 'a.json': JSON.stringify(sampleJourney()) })
    expect((await dunwell(['format', '--check', 'a.json'], dir)).code).toBe(1)
    expect(await dunwell(['format', 'a.json'], dir)).toMatchObject({ code: 0, stdout: 'a.json: formatted\n' })
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(format(sampleJourney()))
    expect(await dunwell(['format', '--check', 'a.json'], dir)).toMatchObject({ code: 0, stderr: '' })
  })

  it('leaves a file it cannot read as a journey untouched', async () => {
    const dir = folder({ 'x.json': '{"format":"dunwell/journey@1","id":"x"}' })
    const result = await dunwell(['format', 'x.json'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('x.json: cannot format: does not fit the journey schema')
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{"format":"dunwell/journey@1","id":"x"}')
  })
})

describe('the dunwell command', () => {
  it('explains its usage and exits 2 on a mistake', async () => {
    const unknown = await dunwell(['frobnicate'], tmpdir())
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('dunwell: unknown command "frobnicate"')
    expect(unknown.stderr).toContain('Usage: dunwell <command>')
    expect((await dunwell(['validate', '--colour'], tmpdir())).code).toBe(2)
    expect((await dunwell(['validate'], tmpdir())).stderr).toContain('validate needs at least one file')
    expect(await dunwell(['help'], tmpdir())).toMatchObject({ code: 0 })
  })

  it('runs as an installed bin with real exit codes', async () => {
    const dir = folder({ 'good.json': good, 'broken.json': broken })
    const ok = await run(process.execPath, [bin, 'validate', 'good.json'], { cwd: dir, env: { ...process.env, INIT_CWD: dir } })
    expect(ok.stdout).toContain('1 journey checked: 0 errors')
    const failure = await run(process.execPath, [bin, 'validate', 'broken.json'], { cwd: dir, env: { ...process.env, INIT_CWD: dir } }).catch((error) => error)
    expect(failure.code).toBe(1)
    expect(failure.stderr).toContain('broken.json: node age:')
  }, 60_000)
})

describe('dunwell diff', () => {
  const before = sampleJourney()
  const after = sampleJourney()
  after.name = 'Sample, firmer'
  after.templates.reminder!.subject!.en = 'Second reminder'
  after.nodes.find((node) => node.id === 'age')!.position.x += 40
  after.nodes = after.nodes.filter((node) => node.id !== 'flag')
  after.edges = after.edges.filter((edge) => edge.source !== 'flag' && edge.target !== 'flag')
  const files = { 'v1.json': JSON.stringify(before), 'v2.json': JSON.stringify(after) }

  it('prints each change in the editor’s words, moves last, and exits 1', async () => {
    const result = await dunwell(['diff', 'v1.json', 'v2.json'], folder(files))
    expect(result).toMatchObject({ code: 1, stderr: '' })
    const changes = diffJourneys(before, after)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('~ Renamed from ‘Sample journey’ to ‘Sample, firmer’')
    expect(lines).toContain('~ Segment ‘age’: moved on the canvas')
    expect(lines.indexOf('~ Segment ‘age’: moved on the canvas')).toBe(lines.length - 2)
    // Every change diffJourneys finds is a line, marked + added, - removed, ~ changed: the text the editor shows.
    for (const change of changes) expect(lines).toContain(`${{ added: '+', removed: '-', changed: '~' }[change.kind]} ${change.message}`)
    expect(changes.some((change) => change.kind === 'removed' && change.subject === 'node' && change.id === 'flag')).toBe(true)
    expect(lines.at(-1)).toBe(`${changes.length - 1} changes and 1 step only moved on the canvas from v1.json to v2.json`)
  })

  it('exits 0 for the same journey, also when one file is formatted and the other is not', async () => {
    const result = await dunwell(['diff', 'v1.json', 'formatted.json'], folder({ ...files, 'formatted.json': format(before) }))
    expect(result).toEqual({ code: 0, stdout: 'No differences: the two are the same journey.\n', stderr: '' })
  })

  it('--json prints the changes as diffJourneys gives them', async () => {
    const result = await dunwell(['diff', '--json', 'v1.json', 'v2.json'], folder(files))
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual(diffJourneys(before, after))
  })

  it('exits 2 when a file is missing or not a journey, naming it, and on a wrong command line', async () => {
    const dir = folder({ ...files, 'x.json': '{"format":"dunwell/journey@1","id":"x"}', 'bad.json': '{"id": }' })
    expect(await dunwell(['diff', 'v1.json', 'missing.json'], dir)).toMatchObject({ code: 2, stdout: '', stderr: 'missing.json: cannot read: no such file\n' })
    const notJourney = await dunwell(['diff', 'x.json', 'v2.json'], dir)
    expect(notJourney).toMatchObject({ code: 2, stdout: '' })
    expect(notJourney.stderr).toContain('x.json: cannot compare: does not fit the journey schema')
    expect((await dunwell(['diff', 'bad.json', 'v2.json'], dir)).stderr).toMatch(/^bad\.json: cannot compare: not valid JSON at line 1/)
    const usage = await dunwell(['diff', 'v1.json'], dir)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('diff takes exactly two journey files')
  })

  it('runs as an installed bin with diff’s exit codes', async () => {
    const dir = folder(files)
    const env = { ...process.env, INIT_CWD: dir }
    const same = await run(process.execPath, [bin, 'diff', 'v1.json', 'v1.json'], { cwd: dir, env })
    expect(same.stdout).toBe('No differences: the two are the same journey.\n')
    const different = await run(process.execPath, [bin, 'diff', 'v1.json', 'v2.json'], { cwd: dir, env }).catch((error) => error)
    expect(different.code).toBe(1)
    expect(different.stdout).toContain('~ Renamed from ‘Sample journey’ to ‘Sample, firmer’')
  }, 60_000)
})

describe('dunwell --help', () => {
  it('lists every command with its summary', async () => {
    const result = await dunwell(['--help'], tmpdir())
    expect(result).toMatchObject({ code: 0, stderr: '' })
    for (const name of ['validate', 'compile', 'format', 'diff', 'simulate', 'serve', 'keys', 'help'])
      expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'))
    for (const command of commands) expect(result.stdout).toContain(command.summary)
    expect(await dunwell(['help'], tmpdir())).toEqual(result)
    expect(await dunwell(['-h'], tmpdir())).toEqual(result)
  })

  it('gives each command its own help with its options, not the general one, and runs nothing', async () => {
    for (const command of commands) {
      const result = await dunwell([command.name, '--help'], tmpdir())
      expect(result, command.name).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout).toMatch(new RegExp(`^Usage: dunwell ${command.name}`))
      expect(result.stdout).not.toContain('Commands:')
      for (const option of Object.keys(command.options)) expect(result.stdout, `${command.name} --${option}`).toMatch(new RegExp(`^  --${option}\\b`, 'm'))
      expect(await dunwell(['help', command.name], tmpdir())).toEqual(result)
    }
    const serve = await dunwell(['serve', '-h'], tmpdir())
    expect(serve.stdout).toMatch(/^ {2}--port <port> +the port to listen on \(3000\)$/m)
    expect(serve.stdout).toContain('--test-clock <ISO time>')
  })

  it('refuses another command’s option, with this command’s help', async () => {
    const result = await dunwell(['validate', '--port', '3000', 'a.json'], tmpdir())
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^dunwell: Unknown option '--port'/)
    expect(result.stderr).toContain('Usage: dunwell validate <files…>')
    expect((await dunwell(['help', 'frobnicate'], tmpdir())).stderr).toContain('unknown command "frobnicate"')
  })
})

describe('dunwell simulate', () => {
  const examples = new URL('../../../examples/', import.meta.url).pathname

  it('prints one JSON report of nodes, outcomes, messages and cases', async () => {
    const result = await dunwell(
      [
        'simulate',
        'friendly-reminder/journey.json',
        '--cases',
        'friendly-reminder/cases.jsonl',
        '--events',
        'friendly-reminder/events.jsonl',
        '--start',
        '2026-11-23T09:00:00Z',
        '--days',
        '40',
        '--json',
      ],
      examples,
    )
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const report = JSON.parse(result.stdout)
    expect(report.nodes['reminder-email']).toEqual({ entered: 6 })
    expect(report.outcomes).toEqual({ paid: 1, promised: 1, 'no-response': 4 })
    expect(report.cases['fr-001']).toEqual({ status: 'done', outcome: 'paid', path: ['overdue', 'reminder-email', 'wait-3-days'] })
    expect(report.messages).toContainEqual(
      expect.objectContaining({ caseId: 'fr-005', nodeId: 'link-sms', channel: 'sms', status: 'suppressed', reason: 'opted out of sms' }),
    )
    expect(report.messages[0]).toEqual(
      expect.objectContaining({
        caseId: expect.any(String),
        nodeId: 'reminder-email',
        channel: 'email',
        template: 'friendly-reminder',
        locale: expect.any(String),
        at: expect.any(String),
        status: 'sent',
      }),
    )
  })

  it('names bad lines of the cases file and still simulates the good ones', async () => {
    const good = readFileSync(join(examples, 'friendly-reminder/cases.jsonl'), 'utf8').split('\n')[0]
    const dir = folder({
      'j.json': readFileSync(join(examples, 'friendly-reminder/journey.json'), 'utf8'),
      'c.jsonl': `${good}\n{"id":"x","amountDue":"ten"}\nnot json\n`,
    })
    const result = await dunwell(['simulate', 'j.json', '--cases', 'c.jsonl', '--start', '2026-11-23T09:00:00Z', '--days', '5'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('c.jsonl:2: debtor is required')
    expect(result.stderr).toMatch(/c\.jsonl:3: not valid JSON/)
    expect(result.stdout).toContain('Journey friendly-reminder: 1 cases, 1 enrolled')
  })

  it('explains what it needs', async () => {
    const result = await dunwell(['simulate', 'j.json', '--cases', 'c.jsonl', '--days', '5'], tmpdir())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('simulate needs --start <ISO time>')
  })
})

describe('dunwell keys', () => {
  it('creates a key, prints it once, lists it without the key, and revokes it', async () => {
    const dir = folder({})
    const created = await dunwell(['keys', 'create', '--role', 'ingest', '--name', 'billing system', '--db', 'k.sqlite'], dir)
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^dw_[0-9A-Za-z]{43}\n$/)
    expect(created.stderr).toMatch(/Created ingest key "billing system" \(key_\w+\) in .*k\.sqlite\.\nStore it now/)
    const key = created.stdout.trim()
    const id = /\((key_\w+)\)/.exec(created.stderr)![1]!

    const listed = await dunwell(['keys', 'list', '--db', 'k.sqlite'], dir)
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^ID +PREFIX +ROLE +NAME +CREATED +LAST USED +REVOKED\n/)
    expect(listed.stdout).toContain(`${key.slice(0, 11)}…`)
    expect(listed.stdout).toContain('billing system')
    expect(listed.stdout).not.toContain(key)
    const json = JSON.parse((await dunwell(['keys', 'list', '--json', '--db', 'k.sqlite'], dir)).stdout)
    expect(json).toEqual([expect.objectContaining({ id, role: 'ingest', name: 'billing system', revokedAt: null })])

    expect(await dunwell(['keys', 'revoke', id, '--db', 'k.sqlite'], dir)).toMatchObject({ code: 0, stdout: expect.stringContaining(`Revoked ${id}.`) })
    expect(await dunwell(['keys', 'revoke', id, '--db', 'k.sqlite'], dir)).toMatchObject({ code: 0, stdout: `${id} was already revoked.\n` })
    const unknown = await dunwell(['keys', 'revoke', 'key_nope', '--db', 'k.sqlite'], dir)
    expect(unknown).toMatchObject({ code: 1, stderr: 'dunwell: no key with id "key_nope" (see `dunwell keys list`)\n' })
    expect(JSON.parse((await dunwell(['keys', 'list', '--json', '--db', 'k.sqlite'], dir)).stdout)[0].revokedAt).toEqual(expect.any(String))
  })

  it('explains its mistakes: unknown role (listing the valid ones), missing name, missing database', async () => {
    const dir = folder({})
    const badRole = await dunwell(['keys', 'create', '--role', 'root', '--name', 'x', '--db', 'k.sqlite'], dir)
    expect(badRole.code).toBe(2)
    expect(badRole.stderr).toContain('dunwell: unknown role "root": use one of admin, editor, ingest, viewer')
    expect((await dunwell(['keys', 'create', '--role', 'viewer', '--db', 'k.sqlite'], dir)).stderr).toContain('keys create needs --name')
    expect((await dunwell(['keys', 'frob'], dir)).stderr).toContain('unknown keys command "frob"')
    const missing = await dunwell(['keys', 'list', '--db', 'nowhere.sqlite'], dir)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no database at .*nowhere\.sqlite \(pass --db <file> or set DUNWELL_DB\)/)
    expect(existsSync(join(dir, 'nowhere.sqlite'))).toBe(false)
  })

  it('runs as an installed bin, with DUNWELL_DB as the default database', async () => {
    const dir = folder({})
    const env = { ...process.env, INIT_CWD: dir, DUNWELL_DB: 'from-env.sqlite' }
    const created = await run(process.execPath, [bin, 'keys', 'create', '--role', 'viewer', '--name', 'dashboard'], { cwd: dir, env })
    expect(created.stdout).toMatch(/^dw_\w+\n$/)
    expect(existsSync(join(dir, 'from-env.sqlite'))).toBe(true)
    const listed = await run(process.execPath, [bin, 'keys', 'list'], { cwd: dir, env })
    expect(listed.stdout).toContain('dashboard')
    const failure = await run(process.execPath, [bin, 'keys', 'create', '--role', 'owner', '--name', 'x'], { cwd: dir, env }).catch((error) => error)
    expect(failure.code).toBe(2)
    expect(failure.stderr).toContain('use one of admin, editor, ingest, viewer')
  }, 60_000)
})
