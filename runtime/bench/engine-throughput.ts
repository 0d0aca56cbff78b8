import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine, VirtualClock, openSqlite, type CaseInput } from '../src/index'

const zones = [
  ['Europe/Berlin', 'DE', 'BY', 'de'],
  ['Europe/Berlin', 'DE', 'BE', 'de'],
  ['Europe/London', 'GB', undefined, 'en'],
  ['America/New_York', 'US', 'NY', 'en'],
  ['Australia/Sydney', 'AU', 'NSW', 'en'],
  ['Europe/Vienna', 'AT', undefined, 'de'],
] as const

export function portfolio(count: number): CaseInput[] {
  return Array.from({ length: count }, (_, i) => {
    const [timezone, country, region, locale] = zones[i % zones.length]!
    return {
      id: `bench-${i}`,
      debtor: {
        firstName: `Debtor${i}`,
        lastName: 'Example',
        email: `debtor${i}@example.org`,
        ...(i % 10 === 0 ? {} : { phone: `+4915${String(100000000 + i).slice(0, 9)}` }),
        address: { lines: [`Debtor${i} Example`, 'Hauptstraße 1'], postalCode: '10115', city: 'Berlin', country },
        locale,
        timezone,
        country,
        ...(region ? { region } : {}),
        birthDate: '1980-05-01',
      },
      amountDue: 50 + (i % 200),
      currency: 'EUR',
      dueDate: '2026-11-01',
      attributes: {},
    }
  })
}

/** Walks `count` cases through a journey on a virtual clock on a file; returns steps (nodes entered) and seconds. */
export async function engineRun(count: number, journeyFile: string, days = 40) {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-bench-'))
  const { db, store, close } = await openSqlite(join(dir, 'engine.sqlite'))
  const start = Date.parse('2026-11-23T09:00:00Z')
  const clock = new VirtualClock(start)
  const engine = await new Engine({ db, store, clock, batchSize: 5000 }).start()
  await engine.publish(JSON.parse(readFileSync(journeyFile, 'utf8')))
  const cases = portfolio(count)
  await engine.upsertCases(cases)
  await engine.ingest(cases.map((c) => ({ id: `entry/${c.id}`, type: 'invoice.overdue', caseId: c.id, at: new Date(start).toISOString() })))
  // A quarter pay at some point: the goal ends their journeys early.
  await engine.ingest(
    cases
      .filter((_, i) => i % 4 === 0)
      .map((c, i) => ({
        id: `pay/${c.id}`,
        type: 'payment.received',
        caseId: c.id,
        at: new Date(start + (1 + (i % 20)) * 86_400_000).toISOString(),
        data: { amount: c.amountDue },
      })),
  )
  const began = performance.now()
  const result = await engine.advanceTo(start + days * 86_400_000)
  const seconds = (performance.now() - began) / 1000
  const entered = await db
    .selectFrom('audit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'entered')
    .executeTakeFirstOrThrow()
  const messages = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  await close()
  rmSync(dir, { recursive: true, force: true })
  return { steps: Number(entered.n), messages: Number(messages.n), items: result.items, batches: result.batches, seconds }
}
