import { describe, expect, it } from 'vitest'
import { caseInput, entries, journey, messages, overdue, startEngine, tempFile, textTemplate } from './testing'

/** entry → segment → sms → exit, as it was published before the budgets existed. */
const stored = (body: string, when: string) =>
  journey({
    id: 'stored',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      check: ['segment', { branches: [{ id: 'named', label: 'Named', when }] }],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>check', 'check:named>text', 'check:else>text', 'text>done'],
    templates: { text: textTemplate('sms', body) },
  })

describe('a version published before the budgets', () => {
  it('still runs: each hostile condition and message fails on its own, explained, and the next case goes on', async () => {
    const file = tempFile()
    const first = await startEngine({ file })
    await first.engine.publish(stored('Hi {{ debtor.firstName | default: "there" }}', "debtor.firstName != ''"))
    // What an older runtime accepted, and the validator now refuses: three nested loops, a doubling capture.
    const letters = "debtor.firstName.split('')"
    const hostile = stored(
      "{% assign s = 'x' %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }}",
      `${letters}.exists(a, ${letters}.exists(b, ${letters}.exists(c, a + b + c == '###')))`,
    )
    await first.db
      .updateTable('journey_versions')
      .set({ document: JSON.stringify(hostile) })
      .where('journey_id', '=', 'stored')
      .execute()
    await first.close()

    const second = await startEngine({ file })
    await second.engine.upsertCases([
      caseInput('long', { debtor: { firstName: 'Maximiliane'.repeat(18) } }),
      caseInput('short', { debtor: { firstName: 'Al' } }),
    ])
    await second.engine.ingest([overdue('long', new Date(second.clock.now())), overdue('short', new Date(second.clock.now()))])
    await second.engine.runDue()
    for (const id of ['long', 'short']) {
      const [message] = await messages(second, id)
      expect(message, id).toMatchObject({ status: 'suppressed', text: null, reason: expect.stringContaining('renders more than 500,000 characters') })
    }
    const [decided] = await entries(second, 'long', 'decided')
    expect(decided!.detail).toMatchObject({
      outcome: 'else',
      conditions: [{ result: false, error: expect.stringContaining('over budget: took more than 200,000 steps in its loops') }],
    })
    expect(JSON.stringify(decided!.detail)).not.toContain('Maximiliane')
    expect((await entries(second, 'short', 'decided'))[0]!.detail).toMatchObject({ outcome: 'else', conditions: [{ result: false }] })
  })
})
