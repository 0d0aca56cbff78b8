import { readFileSync } from 'node:fs'
import type { TraceStep } from '@dunwell/client'
import type { Journey } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { promiseWaitJourney } from '@dunwell/journey/testing'
import { suggestedDays } from './run-setup'
import { describeEvent, describeSeen, highlightAt, toRunSteps } from './trace-steps'

const friendly = JSON.parse(readFileSync(new URL('../../../examples/friendly-reminder/journey.json', import.meta.url), 'utf8')) as Journey
const time = (iso: string) => iso.slice(5, 16).replace('T', ' ')

let id = 0
const entry = (at: string, kind: string, nodeId: string | null, detail: Record<string, unknown> = {}, message?: TraceStep['message']): TraceStep => ({
  at: `2026-11-${at}:00.000Z`,
  kind,
  enrolmentId: `friendly-reminder/c-1/${++id}`,
  nodeId,
  detail,
  ...(message ? { message } : {}),
})

/** A case whose email waits for contact hours, whose SMS is not sent (opted out), and that pays while it waits. */
const trace: TraceStep[] = [
  entry('23T21:00', 'event', null, { id: 'simulation-entry/c-1', type: 'invoice.overdue', data: {} }),
  entry('23T21:00', 'enrolled', null, { trigger: 'invoice.overdue' }),
  entry('23T21:00', 'entered', 'overdue', { type: 'entry' }),
  entry('23T21:00', 'entered', 'reminder-email', { type: 'email' }),
  entry('23T21:00', 'message', 'reminder-email', {
    channel: 'email',
    template: 'friendly-reminder',
    status: 'deferred',
    reason: 'outside contact hours',
    until: '2026-11-24T07:00:00.000Z',
  }),
  entry(
    '24T07:00',
    'message',
    'reminder-email',
    { channel: 'email', template: 'friendly-reminder', status: 'queued', outboxId: 'o-1' },
    {
      id: 'o-1',
      channel: 'email',
      template: 'friendly-reminder',
      locale: 'en',
      status: 'sent',
      recipient: 'c@example.org',
      subject: 'A quick reminder',
      text: 'Hello',
      html: '<p>Hello</p>',
    },
  ),
  entry('24T07:00', 'entered', 'wait-3-days', { type: 'wait' }),
  entry('24T07:00', 'waiting', 'wait-3-days', { until: '2026-11-27T07:00:00.000Z' }),
  entry('27T07:00', 'entered', 'offer-link', { type: 'action' }),
  entry('27T07:00', 'action', 'offer-link', { set: { remindedBySms: true, offer: {} } }),
  entry('27T07:00', 'entered', 'link-sms', { type: 'sms' }),
  entry('27T07:00', 'message', 'link-sms', { channel: 'sms', template: 'payment-link-sms', status: 'suppressed', reason: 'opted out of sms', outboxId: 'o-2' }),
  entry('27T07:00', 'entered', 'no-phone-letter', { type: 'letter' }),
  entry(
    '27T07:00',
    'message',
    'no-phone-letter',
    { channel: 'letter', template: 'reminder-letter', status: 'queued', outboxId: 'o-3' },
    { id: 'o-3', channel: 'letter', template: 'reminder-letter', locale: 'en', status: 'pending', recipient: 'C\n1 Main St\nDublin IE', text: 'Dear C' },
  ),
  entry('27T07:00', 'entered', 'wait-after-fallback', { type: 'wait' }),
  entry('27T07:00', 'waiting', 'wait-after-fallback', { until: '2026-12-07T07:00:00.000Z' }),
  entry('29T11:00', 'event', null, { id: 'e-1', type: 'payment.received', data: { amount: 84.5 } }),
  entry('29T11:00', 'exited', null, { outcome: 'paid', reason: 'goal met: case.balance <= 0' }),
]

describe('describeEvent', () => {
  it('names a promise’s date and a plan’s instalments, as the test run sends them', () => {
    const euro = (amount: number) => `€${amount.toFixed(2)}`
    expect(describeEvent('promise.made', { amount: 20, date: '2026-12-01' }, euro)).toBe('Promise to pay: €20.00 by 2026-12-01')
    const plan = {
      instalments: [
        { dueDate: '2026-12-01', amount: 10 },
        { dueDate: '2027-01-01', amount: 10 },
      ],
      interval: 'P1M',
    }
    expect(describeEvent('plan.agreed', plan, euro)).toBe('Instalment plan agreed: 2 instalments, the first €10.00 by 2026-12-01')
  })
})

describe('toRunSteps', () => {
  const steps = toRunSteps(trace, friendly, time, (amount) => `€${amount.toFixed(2)}`)

  it('makes one step per node entered, per later moment at a node, per outside event, and one for the end', () => {
    expect(steps.map((step) => [step.kind, step.nodeId, step.title])).toEqual([
      ['enter', 'overdue', 'Entry'],
      ['enter', 'reminder-email', 'Friendly reminder'],
      ['message', 'reminder-email', 'Friendly reminder: Email'],
      ['enter', 'wait-3-days', 'Wait'],
      ['enter', 'offer-link', 'Offer a part payment or a promise'],
      ['enter', 'link-sms', 'Text with payment link'],
      ['enter', 'no-phone-letter', 'Letter when no SMS possible'],
      ['enter', 'wait-after-fallback', 'Wait'],
      ['event', 'wait-after-fallback', 'Payment received: €84.50'],
      ['exit', 'wait-after-fallback', 'Goal met: paid'],
    ])
    expect(steps[0]!.lines).toEqual(['Enrolled on invoice.overdue'])
    expect(steps.at(-1)).toMatchObject({ outcome: 'paid', lines: ['Ends with “paid”: goal met: case.balance <= 0'] })
  })

  it('says in words why a message waited or was not sent, and keeps what was sent', () => {
    expect(steps[1]!.lines).toEqual(['Email held until 11-24 07:00: outside contact hours'])
    expect(steps[1]!.messages).toEqual([expect.objectContaining({ status: 'deferred' })])
    expect(steps[2]!.lines).toEqual(['Email sent to c@example.org'])
    expect(steps[2]!.messages[0]).toMatchObject({ status: 'sent', subject: 'A quick reminder', text: 'Hello', html: '<p>Hello</p>' })
    expect(steps[3]!.lines).toEqual(['Waits until 11-27 07:00'])
    expect(steps[5]!.lines).toEqual(['SMS not sent: opted out of sms'])
    expect(steps[6]!.lines).toEqual(['Letter sent to C, 1 Main St, Dublin IE'])
  })

  it('highlights the path up to a step: the edges taken (a failed SMS by its failed edge), the step’s own emphasised', () => {
    expect(highlightAt(steps, 0)).toEqual({ nodes: { overdue: 'current' }, edges: {} })
    const atLetter = highlightAt(steps, 6)
    expect(atLetter.nodes).toEqual({
      overdue: 'visited',
      'reminder-email': 'visited',
      'wait-3-days': 'visited',
      'offer-link': 'visited',
      'link-sms': 'visited',
      'no-phone-letter': 'current',
    })
    expect(atLetter.edges).toEqual({ 'e-overdue': 'taken', 'e-email': 'taken', 'e-wait': 'taken', 'e-offer': 'taken', 'e-sms-failed': 'current' })
    // The payment arrives while the case waits: the wait is where it is.
    expect(highlightAt(steps, 8).nodes['wait-after-fallback']).toBe('current')
  })

  it('names a segment’s branch and the conditions it tried', () => {
    const segmented: Journey = {
      ...friendly,
      nodes: [
        ...friendly.nodes,
        {
          id: 'tone',
          type: 'segment',
          position: { x: 0, y: 0 },
          data: { branches: [{ id: 'new', label: 'New customers', when: 'case.attributes.new' }] },
        } as Journey['nodes'][number],
      ],
    }
    const [step] = toRunSteps(
      [
        entry('23T09:00', 'entered', 'tone'),
        entry('23T09:00', 'decided', 'tone', {
          outcome: 'else',
          label: 'else',
          conditions: [{ expr: 'case.attributes.new', outcome: 'new', result: false, values: { 'case.attributes.new': false } }],
        }),
      ],
      segmented,
      time,
    )
    expect(step!.lines).toEqual(['No branch matched: takes “else”'])
    expect(step!.conditions).toEqual([{ label: 'New customers', expr: 'case.attributes.new', result: false, seen: 'case.attributes.new was false' }])
  })
})

describe('toRunSteps for a wait for a promise or plan', () => {
  const journey = promiseWaitJourney()
  const at = (outcome: string, label: string) => [
    entry('23T21:00', 'entered', 'arrangement', { type: 'await-arrangement' }),
    entry('23T21:00', 'waiting', 'arrangement', { until: '2026-12-07T21:00:00.000Z' }),
    entry('25T10:00', 'decided', 'arrangement', { outcome, label }),
  ]

  it('says what it waits for, and each way it ends', () => {
    const words = (outcome: string, label: string) => toRunSteps(at(outcome, label), journey, time).flatMap((step) => step.lines)
    expect(words('kept', 'promise.kept')).toEqual(['Waits for a promise or plan until 12-07 21:00 at the latest', 'The promise or plan was kept'])
    expect(words('broken', 'plan.broken')).toContain('The promise or plan was broken')
    expect(words('none', 'none made')).toContain('No promise or plan made in time: takes “none made”')
  })

  it('follows a promise made before the step, and says why a message waits for it', () => {
    const steps = toRunSteps(
      [
        entry('23T21:00', 'entered', 'arrangement', { type: 'await-arrangement' }),
        entry('23T21:00', 'waiting', 'arrangement', { arrangement: 'promise:c-1:1', kind: 'promise', due: '2026-12-15' }),
        entry('24T09:00', 'message', 'reminder-email', {
          channel: 'email',
          template: 'friendly-reminder',
          status: 'deferred',
          reason: 'contact paused while a promise to pay is active',
          rule: 'settings.promises.pauseContact',
        }),
        entry('25T10:00', 'decided', 'arrangement', { outcome: 'kept', label: 'kept before this step' }),
      ],
      journey,
      time,
    )
    expect(steps.flatMap((step) => step.lines)).toEqual([
      'Follows the promise made before this step until it is kept or broken',
      'Email held back: contact paused while a promise to pay is active',
      'The promise or plan was kept',
    ])
    expect(steps.flatMap((step) => step.messages)).toEqual([expect.not.objectContaining({ until: expect.anything() })])
  })

  it('suggests a run long enough for the time to make one', () => {
    expect(suggestedDays(journey)).toBeGreaterThanOrEqual(14)
  })
})

describe('toRunSteps for an offer', () => {
  it('says what the portal offers from the step on', () => {
    const journey = promiseWaitJourney()
    journey.nodes.push({
      id: 'deal',
      type: 'offer',
      position: { x: 0, y: 50 },
      data: { payInPart: { minAmount: 10 }, plan: { minInstalment: 25, maxCount: 6, intervals: ['P1M', 'P2W'] }, promise: { maxDays: 14 } },
    })
    const steps = toRunSteps([entry('23T21:00', 'entered', 'deal', { type: 'offer' }), entry('23T21:00', 'offered', 'deal', { offer: {} })], journey, time)
    expect(steps.flatMap((step) => step.lines)).toEqual([
      'Offers on the portal: pay in part (at least 10); up to 6 instalments of at least 25, monthly or every two weeks; a promise to pay within 14 days; valid for 30 days',
    ])
  })
})

describe('suggestedDays', () => {
  it('sums the waits of the longest path, with a margin', () => {
    // 3 business days, then 5 days for a promise, then 10 days after the letter.
    expect(suggestedDays(friendly)).toBe(Math.ceil(3 * 1.5 + 5 + 10 + 2))
  })

  it('says in words what each condition read: numbers, text in quotes, a missing field as not set', () => {
    expect(describeSeen({ 'debtor.age': 19, 'debtor.country': 'DE', 'case.attributes.plan': null })).toBe(
      'debtor.age was 19, debtor.country was “DE”, case.attributes.plan was not set',
    )
    expect(describeSeen({})).toBeUndefined()
    expect(describeSeen(undefined)).toBeUndefined()
  })
})
