import { validate, type Diagnostic, type Journey } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { fieldName, problemText } from './problem-text'

function problemsOf(change: (journey: Journey) => void): string[] {
  const journey = sampleJourney()
  change(journey)
  return validate(journey).map((diagnostic: Diagnostic) =>
    problemText(
      diagnostic,
      journey.nodes.find((node) => node.id === diagnostic.nodeId),
    ),
  )
}

const data = (journey: Journey, id: string) => journey.nodes.find((node) => node.id === id)!.data as Record<string, any>

describe('problemText', () => {
  it('names the field as the inspector labels it, not by its path', () => {
    expect(problemsOf((j) => (data(j, 'post').template = ''))).toContain('Template: choose one')
    expect(problemsOf((j) => delete data(j, 'post').template)).toContain('Template: choose one')
    expect(problemsOf((j) => (data(j, 'age').branches[0].when = 'debtor.age <'))).toContain(
      'Branch 1 condition: The condition ends too early: something is missing after `<`',
    )
    expect(problemsOf((j) => (data(j, 'start').event = 'invoice.overdu'))).toContain(
      'Starts on event: "invoice.overdu" is not a known event type; did you mean invoice.overdue?',
    )
    expect(problemsOf((j) => (data(j, 'pause').for = 'soon'))).toContain(
      'Duration: must be a positive ISO 8601 duration such as P3D (3 days) or PT12H (12 hours)',
    )
  })

  it('keeps a problem that names no field as it is', () => {
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'unconnected-outcome',
      message: 'the outcome "else" leads nowhere',
      nodeId: 'age',
      path: ['nodes', 1],
    }
    expect(problemText(diagnostic, sampleJourney().nodes[1])).toBe('the outcome "else" leads nowhere')
  })

  it('names list items, records and nested fields as their cards do', () => {
    const journey = sampleJourney()
    const segment = journey.nodes.find((node) => node.type === 'segment')!
    expect(fieldName(segment, ['branches', 1, 'id'])?.name).toBe('Branch 2 outcome id')
    const action = { type: 'action', data: { set: { reminded: 'true' }, webhook: { url: 'http://x' } } }
    expect(fieldName(action, ['set', 'reminded'])?.name).toBe('Value of reminded')
    expect(fieldName(action, ['webhook', 'url'])?.name).toBe('Webhook URL')
    expect(fieldName({ type: 'nope', data: {} }, ['x'])).toBeUndefined()
  })
})
