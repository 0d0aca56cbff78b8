import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { getShortestPaths } from '@xstate/graph'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate'
import { celEnvironment, compile, createJourneyMachine, GOAL_STATE, journeyEvents, type Journey, type JourneyMachineConfig } from '@dunwell/journey'
import { promiseWaitJourney, sampleJourney } from '@dunwell/journey/testing'

function compiled(journey: unknown = sampleJourney()) {
  const result = compile(journey)
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics))
  return result
}

/** A stand-in for the runtime: evaluates conditions against one case, picks a fixed variant, records effects. */
function harness(config: JourneyMachineConfig, facts: { case: Record<string, unknown>; debtor: Record<string, unknown> }, variant = 'a') {
  const machine = createJourneyMachine(config, {
    'dunwell.when': ({ event }, params) =>
      Boolean(celEnvironment.evaluate(params.expr, { ...facts, event: { type: event.type, data: (event as { data?: object }).data ?? {} } })),
    'dunwell.variant': (_, params) => params.variant === variant,
  })
  const effects: string[] = []
  const record = (actions: { type: string; params?: unknown }[]) => {
    for (const action of actions) {
      const params = (action.params ?? {}) as { nodeId?: string; outcome?: string }
      effects.push(`${action.type.replace('dunwell.', '')}:${params.nodeId ?? '-'}${params.outcome ? `=${params.outcome}` : ''}`)
    }
  }
  let [snapshot, actions] = initialTransition(machine, { caseId: 'c-1' })
  record(actions)
  return {
    get value() {
      return snapshot.value
    },
    get status() {
      return snapshot.status
    },
    effects,
    send(event: { type: string; data?: Record<string, unknown> }) {
      effects.length = 0
      ;[snapshot, actions] = transition(machine, snapshot as AnyMachineSnapshot, event)
      record(actions)
      return this
    },
  }
}

const young = { case: { balance: 80.5, amountDue: 80.5 }, debtor: { age: 20n } }
const older = { case: { balance: 80.5, amountDue: 80.5 }, debtor: { age: 60n } }

describe('compile', () => {
  afterEach(() => vi.restoreAllMocks())

  it('turns every node into a state and refers to effects by name only', () => {
    const { config } = compiled()
    expect(Object.keys(config.states)).toEqual([...sampleJourney().nodes.map((node) => node.id), GOAL_STATE])
    expect(config.initial).toBe('start')
    expect(JSON.parse(JSON.stringify(config))).toEqual(config)
  })

  it('is pure: the same document gives the same machine without reading the clock or randomness', () => {
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    const first = compiled().config
    expect(compiled().config).toEqual(first)
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
  })

  it('returns the diagnostics instead of a machine for a broken journey', () => {
    const journey = sampleJourney()
    journey.edges = journey.edges.slice(1)
    const result = compile(journey)
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => d.code)).toContain('unreachable-node')
  })

  it('describes the trigger: event, filter and re-entry rule', () => {
    expect(compiled().trigger).toEqual({ event: 'invoice.overdue', filter: 'case.balance > 0', reentry: 'after-exit' })
  })

  it('describes an entry by days past due: the runtime’s event, the day and the local time (09:00 unless given)', () => {
    const byDays = (data: Record<string, unknown>) => {
      const journey = sampleJourney()
      const entry = journey.nodes.find((node) => node.type === 'entry')!
      entry.data = data as never
      return compile(journey)
    }
    const result = byDays({ daysPastDue: 30, filter: 'case.balance > 0' })
    expect(result.ok && result.trigger).toEqual({
      event: 'dunwell.days-past-due',
      daysPastDue: { days: 30, at: '09:00' },
      filter: 'case.balance > 0',
      reentry: 'after-exit',
    })
    const schemaErrors = (data: Record<string, unknown>) =>
      byDays(data)
        .diagnostics.filter((d) => d.code === 'schema')
        .map((d) => d.message)
    // Either an event or a day past due, not both; a time only with a day; whole days.
    expect(schemaErrors({ event: 'invoice.overdue', daysPastDue: 30 })).not.toEqual([])
    expect(schemaErrors({ event: 'invoice.overdue', at: '09:00' })).not.toEqual([])
    expect(schemaErrors({ daysPastDue: 2.5 })).not.toEqual([])
    expect(schemaErrors({ daysPastDue: 30, at: '25:00' })).not.toEqual([])
    expect(schemaErrors({ daysPastDue: 0, at: '18:30' })).toEqual([])
  })

  it('walks a case down the first matching branch and waits for the runtime to send', () => {
    const run = harness(compiled().config, young)
    expect(run.value).toBe('text')
    expect(run.effects).toEqual(['enter:start', 'enter:age', 'decide:age=young', 'enter:text', 'send:text'])
  })

  it('takes else and the assigned variant when no branch matches', () => {
    const run = harness(compiled().config, older, 'b')
    expect(run.value).toBe('chat')
    expect(run.effects).toContain('decide:age=else')
    expect(run.effects).toContain('decide:tone=b')
  })

  it('schedules a wait on entry, cancels it on exit, and moves on when woken', () => {
    const run = harness(compiled().config, young)
    run.send({ type: journeyEvents.sent('text') })
    expect(run.value).toBe('pause')
    expect(run.effects).toEqual(['enter:pause', 'schedule:pause'])
    run.send({ type: journeyEvents.wake('evening') })
    expect(run.value).toBe('pause')
    run.send({ type: journeyEvents.wake('pause') })
    expect(run.value).toBe('evening')
    expect(run.effects).toEqual(['cancel:pause', 'enter:evening', 'schedule:evening'])
    run.send({ type: journeyEvents.wake('evening') })
    expect(run.effects).toEqual(['cancel:evening', 'enter:flag', 'act:flag'])
    // An action waits until the runtime has performed it, so the conditions after it see what it set.
    run.send({ type: journeyEvents.done('flag') })
    expect(run.effects).toEqual(['enter:post', 'send:post'])
  })

  it('takes a channel step’s failed outcome when connected, else its default', () => {
    const run = harness(compiled().config, young)
    run.send({ type: journeyEvents.failed('text') })
    expect(run.value).toBe('pause')
    run
      .send({ type: journeyEvents.wake('pause') })
      .send({ type: journeyEvents.wake('evening') })
      .send({ type: journeyEvents.done('flag') })
    run.send({ type: journeyEvents.failed('post') })
    expect(run.value).toBe('gave-up')
    expect(run.status).toBe('done')
    expect(run.effects).toEqual(['enter:gave-up', 'exit:gave-up=no-response'])
  })

  it('waits for an event that meets its condition, or times out', () => {
    const toPromise = (run: ReturnType<typeof harness>) =>
      run
        .send({ type: journeyEvents.sent('text') })
        .send({ type: journeyEvents.wake('pause') })
        .send({ type: journeyEvents.wake('evening') })
        .send({ type: journeyEvents.done('flag') })
        .send({ type: journeyEvents.sent('post') })
        .send({ type: journeyEvents.sent('phone') })
    const kept = toPromise(harness(compiled().config, young))
    expect(kept.value).toBe('promise')
    kept.send({ type: 'promise.made', data: { amount: 0 } })
    expect(kept.value).toBe('promise')
    kept.send({ type: 'promise.made', data: { amount: 50 } })
    expect(kept.value).toBe('promised')
    expect(kept.effects).toEqual(['cancel:promise', 'decide:promise=event', 'enter:promised', 'exit:promised=promised'])
    const silent = toPromise(harness(compiled().config, young))
    silent.send({ type: journeyEvents.wake('promise') })
    expect(silent.value).toBe('gave-up')
  })

  it('waits for a promise or plan: a made one stops the timer, then kept or broken decides; none made times out', () => {
    const config = compiled(promiseWaitJourney()).config
    const start = () => harness(config, young)
    const waiting = start()
    expect(waiting.value).toBe('arrangement')
    expect(waiting.effects).toEqual(['enter:overdue', 'enter:arrangement', 'schedule:arrangement'])

    const kept = start().send({ type: 'promise.made', data: { amount: 50, date: '2026-02-01' } })
    expect(kept.value).toBe('arrangement')
    // Only the timer goes: the state is not left, so nothing is entered or scheduled again.
    expect(kept.effects).toEqual(['cancel:arrangement'])
    kept.send({ type: 'promise.kept', data: {} })
    expect(kept.value).toBe('kept')
    expect(kept.effects).toEqual(['cancel:arrangement', 'decide:arrangement=kept', 'enter:kept', 'exit:kept=promised'])

    const completed = start().send({ type: 'plan.agreed', data: {} }).send({ type: 'plan.completed', data: {} })
    expect(completed.value).toBe('kept')

    for (const type of ['promise.broken', 'plan.broken']) {
      const broken = start().send({ type: 'promise.made', data: {} }).send({ type, data: {} })
      expect(broken.value).toBe('broken')
      expect(broken.effects).toContain('decide:arrangement=broken')
    }

    const none = start().send({ type: journeyEvents.wake('arrangement') })
    expect(none.value).toBe('none')
    expect(none.effects).toEqual(['cancel:arrangement', 'decide:arrangement=none', 'enter:none', 'exit:none=no-response'])
  })

  it('ends the enrolment with outcome paid from any node once the goal is met', () => {
    const facts = { case: { balance: 80.5, amountDue: 80.5 }, debtor: { age: 20n } }
    const run = harness(compiled().config, facts)
    run.send({ type: journeyEvents.sent('text') })
    facts.case.balance = 0
    run.send({ type: 'payment.received', data: { amount: 80.5 } })
    expect(run.value).toBe(GOAL_STATE)
    expect(run.status).toBe('done')
    expect(run.effects).toEqual(['cancel:pause', 'exit:-=paid'])
  })

  it('does not start a journey for a case that has already paid', () => {
    const run = harness(compiled().config, { case: { balance: 0, amountDue: 10 }, debtor: { age: 30n } })
    expect(run.value).toBe(GOAL_STATE)
  })

  it('uses the journey’s own goal', () => {
    const journey = sampleJourney()
    journey.settings.goal = 'case.balance < case.amountDue / 2.0'
    const run = harness(compiled(journey).config, { case: { balance: 40, amountDue: 100 }, debtor: { age: 30n } })
    expect(run.value).toBe(GOAL_STATE)
  })
})

/** Every combination of segment branch and split variant, so that a graph walk can take each of them. */
function decisionRoutes(journey: Journey): Record<string, string>[] {
  let routes: Record<string, string>[] = [{}]
  for (const node of journey.nodes) {
    const outcomes =
      node.type === 'segment' ? [...node.data.branches.map((b) => b.id), 'else'] : node.type === 'split' ? node.data.variants.map((v) => v.id) : []
    if (outcomes.length === 0) continue
    routes = routes.flatMap((route) => outcomes.map((outcome) => ({ ...route, [node.id]: outcome })))
    if (routes.length > 512) throw new Error('too many decision routes to enumerate')
  }
  return routes
}

function exitsReachedByXStateGraph(journey: Journey): Set<string> {
  const { config } = compiled(journey)
  const reached = new Set<string>()
  for (const route of decisionRoutes(journey)) {
    const machine = createJourneyMachine(config, {
      // Segments follow the route; event conditions hold; the goal is never met.
      'dunwell.when': (_, params) => params.nodeId !== null && (params.nodeId in route ? route[params.nodeId] === params.outcome : true),
      'dunwell.variant': (_, params) => route[params.nodeId] === params.variant,
    })
    for (const path of getShortestPaths(machine, { input: { caseId: 'graph' } })) {
      if (path.state.status === 'done') reached.add(String(path.state.value))
    }
  }
  return reached
}

describe('compiled machines work with XState’s own tools', () => {
  const examples = new URL('../../../../examples/', import.meta.url)
  const journeys: [string, Journey][] = [
    ['sample', sampleJourney()],
    ...readdirSync(examples, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/journey.json`, examples)))
      .map((entry): [string, Journey] => [entry.name, JSON.parse(readFileSync(new URL(`${entry.name}/journey.json`, examples), 'utf8'))]),
  ]

  it.each(journeys)('xstate/graph finds a path to every exit of %s', (_name, journey) => {
    const exits = journey.nodes.filter((node) => node.type === 'exit').map((node) => node.id)
    expect(exits.length).toBeGreaterThan(0)
    expect([...exitsReachedByXStateGraph(journey)].sort()).toEqual(expect.arrayContaining(exits.sort()))
  })
})
