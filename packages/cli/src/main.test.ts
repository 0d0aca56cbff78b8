import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { format } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
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
