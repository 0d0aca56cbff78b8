import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { compile, format, validate } from '@dunwell/journey'

const root = new URL('../', import.meta.url)
const examples = readdirSync(new URL('examples/', root), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`examples/${entry.name}/journey.json`, root)))
  .map((entry) => entry.name)

describe('examples', () => {
  it('has the journeys a new user starts from', () => {
    expect(examples).toEqual(expect.arrayContaining(['friendly-reminder', 'life-situations', 'tone-experiment', 'promise-to-pay']))
  })

  it('promise-to-pay takes each way out of its wait for a promise or plan: kept, broken (then a call), none made', async () => {
    const folder = 'examples/promise-to-pay'
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'packages/cli/bin/dunwell.js',
        'simulate',
        `${folder}/journey.json`,
        '--cases',
        `${folder}/cases.jsonl`,
        '--events',
        `${folder}/events.jsonl`,
        '--start',
        '2026-11-23T09:00:00Z',
        '--days',
        '40',
      ],
      { cwd: root.pathname, env: { ...process.env, INIT_CWD: root.pathname } },
    )
    const paths = Object.fromEntries(
      stdout
        .split('\n')
        .filter((line) => line.startsWith('  pp-'))
        .map((line) => line.trim().split(/\s+/, 2) as [string, string]),
    )
    // A promise kept, a promise broken, nothing made in 14 days, a plan paid to the end, a debtor without a phone.
    expect(paths).toEqual({ 'pp-001': 'promised', 'pp-002': 'broken-promise', 'pp-003': 'no-response', 'pp-004': 'promised', 'pp-005': 'no-response' })
    // No phone: the portal link goes by email.
    expect(stdout).toContain('pp-005  no-response  overdue → portal-offer → portal-sms → portal-email → arrangement → none-sms → no-response')
    expect(stdout).toContain('pp-002  broken-promise  overdue → portal-offer → portal-sms → arrangement → broken-sms → care-call → broken')
  })

  it.each(examples)('%s is valid without a warning, compiles, is in the stable form and has sample cases', (name) => {
    const text = readFileSync(new URL(`examples/${name}/journey.json`, root), 'utf8')
    const journey = JSON.parse(text)
    expect(validate(journey)).toEqual([])
    expect(compile(journey).ok).toBe(true)
    expect(format(journey)).toBe(text)
    const cases = readFileSync(new URL(`examples/${name}/cases.jsonl`, root), 'utf8')
      .trim()
      .split('\n')
    expect(cases.length).toBeGreaterThanOrEqual(3)
    for (const line of cases) expect(JSON.parse(line)).toMatchObject({ id: expect.any(String), debtor: expect.any(Object) })
  })

  it('`pnpm dunwell validate examples/*/journey.json` exits 0', async () => {
    const files = examples.map((name) => `examples/${name}/journey.json`)
    const { stdout } = await promisify(execFile)(process.execPath, ['packages/cli/bin/dunwell.js', 'validate', ...files], {
      cwd: root.pathname,
      env: { ...process.env, INIT_CWD: root.pathname },
    })
    expect(stdout).toBe(`${examples.length} journeys checked: 0 errors, 0 warnings\n`)
  })
})
