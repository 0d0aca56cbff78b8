// Run from a project that installed the packed packages: a round through @dunwell/client against the embedding
// example ($DUNWELL_URL, $DUNWELL_KEY), answering one JSON line for the test to read. The simulation runs in the
// runtime's worker thread, so it also shows that the thread's entry was packed.
import { readFileSync } from 'node:fs'
import { createClient, unwrap } from '@dunwell/client'

const client = createClient({ baseUrl: process.env.DUNWELL_URL ?? '', apiKey: process.env.DUNWELL_KEY ?? '' })
const me = await unwrap(client.GET('/api/me'))
const debtor = { firstName: 'Ada', email: 'ada@example.com', locale: 'en', timezone: 'Europe/London', country: 'GB' }
await unwrap(client.PUT('/api/cases/{id}', { params: { path: { id: 'inv-1' } }, body: { debtor, amountDue: 120, currency: 'EUR', dueDate: '2026-11-01' } }))
const stored = await unwrap(client.GET('/api/cases/{id}', { params: { path: { id: 'inv-1' } } }))
const journey = JSON.parse(readFileSync('journey.json', 'utf8'))
const report = await unwrap(
  client.POST('/api/simulations', {
    body: { journey, cases: [{ id: 'sim-1', debtor, amountDue: 50, currency: 'EUR', dueDate: '2026-11-01' }], start: '2026-11-23T09:00:00Z', days: 30 },
  }),
)
console.log(
  JSON.stringify({
    role: me.role,
    case: { id: stored.id, balance: stored.balance, currency: stored.currency },
    simulated: { journey: report.journey, cases: Object.keys(report.cases) },
  }),
)
