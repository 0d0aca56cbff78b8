import { describe, expect, it } from 'vitest'
import { createLinks, readPortalLinkToken } from '../channels'
import { caseInput, days, enrol, entries, journey, messages, MONDAY, startEngine, textTemplate, type TestEngine } from './testing'

const SECRET = 'an-offers-test-secret'

/** entry → `offered` → SMS → wait 10 days → SMS → exit: the second message is sent after a 7-day offer ended. */
function offering(offered: [string, Record<string, unknown>]) {
  return journey({
    id: 'offers',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      offer: offered as ['offer', Record<string, unknown>],
      first: ['sms', { template: 'text' }],
      later: ['wait', { for: 'P10D' }],
      second: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>offer', 'offer>first', 'first>later', 'later>second', 'second>done'],
    templates: { text: textTemplate('sms', 'See your options: {{ links.portal }} Reply STOP to opt out.') },
  })
}

/** What the portal link of each message of the case unlocks, in order. */
async function linkOffers(t: TestEngine, caseId: string) {
  return (await messages(t, caseId)).map((message) => {
    const token = /\/portal\/([A-Za-z0-9_-]+)/.exec(message.text ?? '')?.[1]
    const reading = readPortalLinkToken(token ?? '', SECRET, t.clock.now())
    return reading.status === 'invalid' ? 'no link' : { step: reading.step, offers: reading.offers }
  })
}

describe('an offer step', () => {
  it('is stored with its rules until it ends; the next message’s link carries its parts, a message after it ended none', async () => {
    let t!: TestEngine
    t = await startEngine({ links: createLinks({ publicUrl: 'https://pay.dunwell.test', secret: SECRET, now: () => t.clock.now() }) })
    const plan = { minInstalment: 25, maxCount: 6, intervals: ['P1M', 'P2W'] }
    await enrol(t, offering(['offer', { plan, promise: { maxDays: 10 }, validFor: 'P7D' }]), [caseInput('c-1', { amountDue: 300 })])

    const stored = await t.db.selectFrom('offers').selectAll().execute()
    expect(stored).toEqual([
      {
        id: 'offers/c-1/1/3',
        enrolment_id: 'offers/c-1/1',
        case_id: 'c-1',
        journey_id: 'offers',
        version: 1,
        node_id: 'offer',
        terms: JSON.stringify({ plan, promise: { maxDays: 10 } }),
        made_at: MONDAY.getTime(),
        expires_at: MONDAY.getTime() + days(7),
      },
    ])
    expect((await entries(t, 'c-1', 'offered')).map((e) => e.detail)).toEqual([
      { offer: { plan, promise: { maxDays: 10 }, validFor: 'P7D' }, until: '2026-11-30T09:00:00.000Z' },
    ])

    await t.engine.advanceTo(MONDAY.getTime() + days(11))
    const [first, second] = await messages(t, 'c-1')
    expect(await linkOffers(t, 'c-1')).toEqual([
      { step: first!.id, offers: ['plan', 'promise'] },
      // Sent on day 10: the 7-day offer ended, the link unlocks nothing beyond what the portal always has.
      { step: second!.id, offers: [] },
    ])
  })

  it('paying in part is a part of its own, and a later offer replaces an earlier one', async () => {
    let t!: TestEngine
    t = await startEngine({ links: createLinks({ publicUrl: 'https://pay.dunwell.test', secret: SECRET, now: () => t.clock.now() }) })
    const document = journey({
      id: 'two-offers',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        part: ['offer', { payInPart: { minAmount: 20 } }],
        first: ['sms', { template: 'text' }],
        promise: ['offer', { promise: { maxDays: 5 } }],
        pause: ['wait', { for: 'P2D' }],
        second: ['sms', { template: 'text' }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>part', 'part>first', 'first>promise', 'promise>pause', 'pause>second', 'second>done'],
      templates: { text: textTemplate('sms', 'Your options: {{ links.pay }} Reply STOP to opt out.') },
    })
    await enrol(t, document, [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    expect((await linkOffers(t, 'c-1')).map((link) => (typeof link === 'string' ? link : link.offers))).toEqual([['partial'], ['promise']])
    expect(await t.db.selectFrom('offers').select(['node_id', 'terms']).orderBy('made_at').execute()).toEqual([
      { node_id: 'part', terms: JSON.stringify({ payInPart: { minAmount: 20 } }) },
      { node_id: 'promise', terms: JSON.stringify({ promise: { maxDays: 5 } }) },
    ])
  })

  it('an action’s payment-plan offer is an offer of a plan: at most its instalments, at its interval (monthly when the portal has not got it)', async () => {
    let t!: TestEngine
    t = await startEngine({ links: createLinks({ publicUrl: 'https://pay.dunwell.test', secret: SECRET, now: () => t.clock.now() }) })
    await enrol(t, offering(['action', { offer: { type: 'payment-plan', installments: 3, interval: 'P1W' } }]), [caseInput('c-1')])
    await enrol(t, { ...offering(['action', { offer: { type: 'payment-plan', installments: 4, interval: 'P10D' } }]), id: 'odd' }, [caseInput('c-2')])
    const terms = await t.db
      .selectFrom('offers')
      .select(['case_id', 'terms', 'expires_at'])
      .where((eb) => eb.or([eb.and([eb('case_id', '=', 'c-1'), eb('journey_id', '=', 'offers')]), eb('journey_id', '=', 'odd')]))
      .orderBy('case_id')
      .execute()
    expect(terms).toEqual([
      { case_id: 'c-1', terms: JSON.stringify({ plan: { minInstalment: 1, maxCount: 3, intervals: ['P1W'] } }), expires_at: MONDAY.getTime() + days(30) },
      { case_id: 'c-2', terms: JSON.stringify({ plan: { minInstalment: 1, maxCount: 4, intervals: ['P1M'] } }), expires_at: MONDAY.getTime() + days(30) },
    ])
    expect((await linkOffers(t, 'c-1')).map((link) => (typeof link === 'string' ? link : link.offers))).toEqual([['plan']])
    // The attribute journeys read is still set.
    expect((await entries(t, 'c-1', 'action'))[0]!.detail).toMatchObject({ set: { offer: { type: 'payment-plan', installments: 3 } } })
  })
})
