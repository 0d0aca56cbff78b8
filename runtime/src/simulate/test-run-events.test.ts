import { describe, expect, it } from 'vitest'
import { simulationRequest } from '../../../editor/src/testrun/run-setup'
import { sampleCases } from '../../../editor/src/templates/sample-cases'
import { exampleInput } from '../engine/testing'
import { simulate } from './simulate'

/** The editor's test run sends what its event form planned: promises and plans the engine can keep or see broken. */
describe('a test run’s promise and plan', () => {
  const journey = exampleInput('promise-to-pay').journey as Parameters<typeof simulationRequest>[0]
  const sample = sampleCases[0]!.sample
  const run = (events: Parameters<typeof simulationRequest>[2]) => {
    const request = simulationRequest(journey, sample, events, '2026-11-23T09:00:00Z', 60)
    return simulate({ ...request, start: new Date(request.start), trace: true } as unknown as Parameters<typeof simulate>[0])
  }

  it('a promise made on day 1 and not paid is broken after its date and the grace days: the broken branch runs', async () => {
    const report = await run([{ key: 1, type: 'promise.made', day: 1, amount: 20 }])
    const trail = report.traces![sample.id]!.steps
    expect(trail.find((step) => step.kind === 'event' && step.detail.type === 'promise.made')?.detail.data).toMatchObject({ amount: 20, date: '2026-12-01' })
    expect(report.cases[sample.id]!.path).toContain('broken-sms')
  })

  it('a plan agreed on day 1 is three monthly instalments of the amount from a week later; paid in full it is completed', async () => {
    const report = await run([
      { key: 1, type: 'plan.agreed', day: 1, amount: 30 },
      { key: 2, type: 'payment.received', day: 8, amount: 30 },
    ])
    const trail = report.traces![sample.id]!.steps
    expect(trail.find((step) => step.kind === 'event' && step.detail.type === 'plan.agreed')?.detail.data).toMatchObject({
      instalments: [
        { dueDate: '2026-12-01', amount: 10 },
        { dueDate: '2027-01-01', amount: 10 },
        { dueDate: '2027-02-01', amount: 10 },
      ],
      interval: 'P1M',
    })
    expect(trail.some((step) => step.kind === 'event' && step.detail.type === 'plan.completed')).toBe(true)
  })
})
