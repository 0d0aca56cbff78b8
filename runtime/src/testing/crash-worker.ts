// A runtime that a test kills with SIGKILL at random moments: it walks a journey for many cases on a virtual clock,
// in small steps, delivering through an adapter that appends to a log file (like a provider would receive them).
import { appendFileSync, openSync, closeSync, fsyncSync, readFileSync } from 'node:fs'
import { Engine, VirtualClock, caseInputSchema, eventInputSchema, openSqlite, parseJsonl, type ChannelAdapter } from '../index'

const [databaseFile, journeyFile, casesFile, eventsFile, deliveriesFile, start, days] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
]
const startAt = Date.parse(start)
const end = startAt + Number(days) * 86_400_000

const provider: ChannelAdapter = {
  async send(message, { idempotencyKey }) {
    appendFileSync(deliveriesFile, `${idempotencyKey}\t${message.channel}\n`)
    const fd = openSync(deliveriesFile, 'r')
    fsyncSync(fd)
    closeSync(fd)
    // A point of progress the test may kill at: the provider has the message, the engine has not yet recorded it.
    process.stdout.write('delivered\n')
    return { ok: true }
  },
}

const { db, store, close } = await openSqlite(databaseFile)
const clock = new VirtualClock(startAt)
const engine = await new Engine({ db, store, clock, channels: { email: provider, sms: provider, letter: provider, whatsapp: provider }, batchSize: 50 }).start()
if ((await db.selectFrom('journey_versions').select('version').executeTakeFirst()) === undefined) {
  await engine.publish(JSON.parse(readFileSync(journeyFile, 'utf8')))
}
const cases = parseJsonl(readFileSync(casesFile, 'utf8'), caseInputSchema).items.map((item) => item.value)
await engine.upsertCases(cases)
await engine.ingest(cases.map((c) => ({ id: `entry/${c.id}`, type: 'invoice.overdue', caseId: c.id, at: new Date(startAt).toISOString() })))
await engine.ingest(parseJsonl(readFileSync(eventsFile, 'utf8'), eventInputSchema).items.map((item) => item.value))
await engine.deliver()
for (let t = startAt; t < end; ) {
  t = Math.min(end, t + 6 * 3_600_000)
  await engine.advanceTo(t)
  process.stdout.write('advanced\n')
}
await close()
process.stdout.write('finished\n')
