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
  it('has the three journeys a new user starts from', () => {
    expect(examples).toEqual(expect.arrayContaining(['friendly-reminder', 'life-situations', 'tone-experiment']))
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
