import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine, openSqlite, VirtualClock } from '@dunwell/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main, nodeIo } from '../main'

const dir = mkdtempSync(join(tmpdir(), 'dunwell-policy-'))
/** Monday 23 November 2026, 09:00 in New York. */
const START = Date.parse('2026-11-23T14:00:00Z')
const HOUR = 3_600_000

async function dunwell(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const io = { ...nodeIo(), stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), resolvePath: (p: string) => join(dir, p) }
  const code = await main(args, io)
  return { code, stdout: out.join(''), stderr: err.join('') }
}

const calls = {
  format: 'dunwell/journey@1',
  id: 'calls',
  name: 'Calls',
  settings: { locales: ['en'], defaultLocale: 'en' },
  nodes: [
    { id: 'start', type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.overdue' } },
    { id: 'ring', type: 'call', position: { x: 0, y: 100 }, data: { queue: 'collections' } },
    { id: 'pause', type: 'wait', position: { x: 0, y: 200 }, data: { for: 'P3D' } },
    { id: 'done', type: 'exit', position: { x: 0, y: 300 }, data: { outcome: 'done' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ring' },
    { id: 'e2', source: 'ring', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'done' },
  ],
  templates: {},
}

beforeAll(async () => {
  // A US debtor called once, who then spoke with an agent (call.connected).
  const opened = await openSqlite(join(dir, 'p.sqlite'))
  const engine = await new Engine({ db: opened.db, store: opened.store, clock: new VirtualClock(new Date(START)) }).start()
  await engine.publish(calls)
  await engine.upsertCases([
    {
      id: 'c-1',
      debtor: { firstName: 'Ada', phone: '+12125550100', timezone: 'America/New_York', country: 'US', region: 'NY' },
      amountDue: 100,
      currency: 'USD',
      dueDate: '2026-11-01',
    },
    {
      id: 'c-2',
      debtor: { firstName: 'Ben', email: 'ben@example.org', timezone: 'Europe/Berlin', country: 'DE' },
      amountDue: 50,
      currency: 'EUR',
      dueDate: '2026-11-01',
    },
  ])
  await engine.ingest([
    { id: 'o', type: 'invoice.overdue', caseId: 'c-1', at: new Date(START).toISOString() },
    { id: 't', type: 'call.connected', caseId: 'c-1', at: new Date(START + HOUR).toISOString() },
    { id: 'p', type: 'preferences.changed', caseId: 'c-2', at: new Date(START).toISOString(), data: { timeOfDay: 'evening' } },
  ])
  await engine.advanceTo(START + 2 * HOUR)
  await opened.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('dunwell policy explain', () => {
  it('names the rules in force, why they apply, the counts against each cap and the quiet period with its end', async () => {
    const result = await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite', '--at', '2026-11-23T17:00:00Z'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toBe(
      [
        'Case c-1: debtor in US-NY (America/New_York), at 2026-11-23T17:00:00.000Z',
        "Jurisdictions: Regulation F (the debtor's country is US)",
        "Contact hours: 08:00–20:00 mon tue wed thu fri sat, debtor's local time, for email, sms, whatsapp, call; no public holidays",
        'Frequency caps (contacts of every journey count):',
        '  one message a day: at most 1 message in 1 day [policy, defer]: 0 of 1',
        '  at most 7 calls in 7 days [policy, defer]: 1 of 7 (calls)',
        '  Regulation F §1006.14(b)(2)(i): at most 7 calls in 7 days [Regulation F (US), defer]: 1 of 7 (calls)',
        'Quiet periods:',
        '  Regulation F §1006.14(b)(2)(ii): no call within 7 days after call.connected [Regulation F (US)]: running since 2026-11-23T15:00:00.000Z, until 2026-11-30T15:00:00.000Z',
        'Opt-outs: none',
        'Holds: none',
        'Journeys: calls (active)',
        '',
      ].join('\n'),
    )
    const json = JSON.parse((await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite', '--at', '2026-12-05T00:00:00Z', '--json'])).stdout)
    expect(json.quietPeriods).toEqual([expect.objectContaining({ after: 'call.connected', since: null, until: null })])
    expect(json.caps.map((cap: { counted: number }) => cap.counted)).toEqual([0, 0, 0])
  })

  it('shows what the debtor’s preferred time of day does to the contact hours', async () => {
    const result = await dunwell(['policy', 'explain', 'c-2', '--db', 'p.sqlite', '--at', '2026-11-23T17:00:00Z'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain(
      "Contact hours: 08:00–20:00 mon tue wed thu fri sat, debtor's local time, for email, sms, whatsapp, call; no public holidays\n" +
        "Preferred time of day: evening (17:00–21:00), so contact 17:00–20:00 (a journey's own hours narrow it further)\n",
    )
    expect((await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite'])).stdout).not.toContain('Preferred time of day')
  })

  it('applies the policy file given, and refuses a bad one naming the field, or an unknown case', async () => {
    writeFileSync(
      join(dir, 'strict.json'),
      JSON.stringify({ jurisdictions: [{ country: 'US', region: 'NY', name: 'New York', contactHours: { start: '09:00', end: '17:00' } }] }),
    )
    const strict = await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite', '--policy', 'strict.json', '--at', '2026-11-23T17:00:00Z'])
    expect(strict.stdout).toContain("Jurisdictions: New York (the debtor's region is US-NY)")
    expect(strict.stdout).toContain('Contact hours: 09:00–17:00 mon tue wed thu fri sat')
    expect(strict.stdout).toContain('Quiet periods: none')

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ jurisdictions: [{ country: 'USA', rules: [] }] }))
    expect(await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite', '--policy', 'bad.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'bad.json: jurisdictions[0].country: must be an ISO 3166-1 country code such as US: did you mean US?\nbad.json: jurisdictions[0]: unknown field "rules"\n',
    })
    expect(await dunwell(['policy', 'explain', 'nope', '--db', 'p.sqlite'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no case "nope"') })
    expect(await dunwell(['policy', 'explain', 'c-1', '--db', 'p.sqlite', '--at', 'tomorrow'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--at must be an ISO time'),
    })
  })
})
