import { channels, knownEventTypes, knownOutcomes, nodeKinds, nodeTypes, reentryModes, weekdays } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { englishLayouts, type FieldLayout, type FieldWords, germanWords } from './field-layout'
import { formModel, modeOf, type Field, type FieldType } from './form-model'

const field = (fields: Field[], key: string) => fields.find((candidate) => candidate.key === key)!
const fieldsOf = (type: Parameters<typeof formModel>[0]) => formModel(type).modes[0]!.fields
const itemFields = (type: FieldType) => (type.kind === 'list' && type.item.kind === 'object' ? type.item.fields : [])

describe('formModel', () => {
  it('has a field for every key of every kind’s schema, and no other', () => {
    for (const type of nodeTypes) {
      const schema = nodeKinds[type].data as unknown as { shape?: Record<string, unknown>; options?: { shape: Record<string, unknown> }[] }
      const shapes = schema.shape ? [schema.shape] : (schema.options ?? []).map((option) => option.shape)
      const model = formModel(type)
      expect(model.modes.map((mode) => mode.fields.map((candidate) => candidate.key).sort())).toEqual(shapes.map((shape) => Object.keys(shape).sort()))
    }
  })

  it('puts label and note on every node, optional', () => {
    for (const type of nodeTypes) {
      for (const mode of formModel(type).modes) {
        expect(field(mode.fields, 'label')).toMatchObject({ optional: true, type: { kind: 'text' } })
        expect(field(mode.fields, 'note')).toMatchObject({ optional: true, type: { kind: 'text', format: 'multiline' } })
      }
    }
  })

  it('reads an entry’s event, condition, enum and duration from the schema', () => {
    const fields = fieldsOf('entry')
    expect(field(fields, 'event')).toMatchObject({ optional: false, type: { kind: 'text', format: 'event' } })
    expect(field(fields, 'filter')).toMatchObject({ optional: true, type: { kind: 'text', format: 'condition' } })
    expect(field(fields, 'reentry')).toMatchObject({ optional: true, type: { kind: 'enum', options: [...reentryModes] } })
    expect(field(fields, 'cooldown').type).toEqual({ kind: 'text', format: 'duration' })
  })

  it('gives an entry a mode for an event and one for days past due, sharing who qualifies', () => {
    const model = formModel('entry')
    expect(model.modes.map((mode) => [mode.name, mode.label])).toEqual([
      ['event', 'On an event'],
      ['daysPastDue', 'By days past due'],
    ])
    const byDays = model.modes[1]!.fields
    expect(field(byDays, 'daysPastDue')).toMatchObject({ optional: false, label: 'Days past due', type: { kind: 'number' } })
    expect(field(byDays, 'at')).toMatchObject({ optional: true, label: 'At (local time)' })
    expect(field(byDays, 'filter')).toMatchObject({ optional: true, type: { kind: 'text', format: 'condition' } })
    expect(modeOf(model, { daysPastDue: 30 })).toBe(model.modes[1])
  })

  it('makes a segment’s branches a list of id, label and condition, at least one', () => {
    const branches = field(fieldsOf('segment'), 'branches')
    expect(branches.type).toMatchObject({ kind: 'list', min: 1, max: 32 })
    expect(itemFields(branches.type).map((inner) => [inner.key, inner.type.kind])).toEqual([
      ['id', 'text'],
      ['label', 'text'],
      ['when', 'text'],
    ])
    expect(field(itemFields(branches.type), 'when').type).toEqual({ kind: 'text', format: 'condition' })
  })

  it('gives a split’s weights their bounds and a control checkbox', () => {
    const variants = field(fieldsOf('split'), 'variants')
    expect(variants.type).toMatchObject({ kind: 'list', min: 2, max: 16 })
    expect(field(itemFields(variants.type), 'weight').type).toEqual({ kind: 'number', integer: false, min: 0, max: 100 })
    expect(field(itemFields(variants.type), 'control')).toMatchObject({ optional: true, type: { kind: 'boolean' } })
  })

  it('gives a wait one mode per shape of its data, with weekdays as an enum list', () => {
    const model = formModel('wait')
    expect(model.modes.map((mode) => mode.name)).toEqual(['for', 'until', 'event'])
    const until = model.modes[1]!.fields
    expect(field(until, 'until').type).toEqual({ kind: 'text', format: 'time' })
    expect(field(until, 'days')).toMatchObject({ optional: true, type: { kind: 'list', min: 1, item: { kind: 'enum', options: [...weekdays] } } })
    expect(field(model.modes[0]!.fields, 'businessDays').type).toEqual({ kind: 'boolean' })
    expect(field(model.modes[2]!.fields, 'when').type).toMatchObject({ format: 'condition' })
    expect(modeOf(model, { event: 'x', timeout: 'P1D' }).name).toBe('event')
    expect(modeOf(model, { until: '09:00' }).name).toBe('until')
  })

  it('asks a wait for a promise or plan only how long the debtor has to make one, in a manager’s words', () => {
    const [timeout, ...others] = fieldsOf('await-arrangement').filter((f) => f.key !== 'label' && f.key !== 'note')
    expect(others).toEqual([])
    expect(timeout).toMatchObject({ key: 'timeout', label: 'Time to make one', optional: false })
    expect(timeout!.help).toContain('none made')
  })

  it('asks an offer for each part in a manager’s words, its plan’s intervals as words', () => {
    const fields = fieldsOf('offer').filter((f) => f.key !== 'label' && f.key !== 'note')
    expect(fields.map((f) => [f.key, f.label, f.optional])).toEqual([
      ['payInPart', 'Pay in part', true],
      ['plan', 'Instalment plan', true],
      ['promise', 'Promise to pay', true],
      ['validFor', 'Valid for', true],
    ])
    const plan = field(fields, 'plan').type
    const planFields = plan.kind === 'object' ? plan.fields : []
    expect(planFields.map((f) => f.label)).toEqual(['Smallest instalment', 'Most instalments', 'Allowed intervals', 'Balance bands'])
    expect(field(planFields, 'intervals').type).toEqual({
      kind: 'list',
      item: { kind: 'enum', options: ['P1W', 'P2W', 'P1M'], labels: { P1W: 'Weekly', P2W: 'Every two weeks', P1M: 'Monthly' } },
      min: 1,
    })
    expect(itemFields(field(planFields, 'bands').type).map((f) => f.label)).toEqual(['For balances up to', 'Most instalments', 'Smallest instalment'])
    expect(field(fields, 'validFor').type).toEqual({ kind: 'text', format: 'duration' })
    const promise = field(fields, 'promise').type
    expect(promise.kind === 'object' && promise.fields[0]).toMatchObject({
      key: 'maxDays',
      label: 'Within days',
      type: { kind: 'number', integer: true, min: 1, max: 365 },
    })
  })

  it('has German words for every label, help, mode and value word of every kind’s form', () => {
    for (const type of nodeTypes) {
      const english = englishLayouts[type] as FieldLayout
      const german = germanWords[type] as FieldWords
      for (const part of ['labels', 'help', 'modes'] as const) {
        expect(Object.keys(german[part] ?? {}), `${type} ${part}`).toEqual(expect.arrayContaining(Object.keys(english[part] ?? {})))
      }
      for (const [path, words] of Object.entries(english.options ?? {})) {
        expect(Object.keys(german.options?.[path] ?? {}), `${type} options of ${path}`).toEqual(Object.keys(words))
      }
    }
  })

  it('makes message templates a picker and a call’s priority a whole number from 0 to 9', () => {
    for (const type of channels) {
      expect(field(fieldsOf(type), 'template').type).toMatchObject({ kind: 'text', format: 'template' })
    }
    expect(field(fieldsOf('call'), 'priority').type).toEqual({ kind: 'number', integer: true, min: 0, max: 9 })
    expect(fieldsOf('call').map((candidate) => candidate.key)).toEqual(['label', 'note', 'queue', 'template', 'priority'])
  })

  it('reads an action’s attributes, webhook and offer', () => {
    const fields = fieldsOf('action')
    expect(field(fields, 'set').type).toEqual({ kind: 'record', value: { kind: 'text', format: 'expression' } })
    const webhook = field(fields, 'webhook')
    expect(webhook.optional).toBe(true)
    expect(webhook.type.kind === 'object' && webhook.type.fields.map((inner) => [inner.key, inner.optional])).toEqual([
      ['url', false],
      ['name', true],
    ])
    const offer = field(fields, 'offer').type
    expect(offer.kind === 'variants' && offer.discriminator).toBe('type')
    expect(offer.kind === 'variants' && offer.options.map((option) => [option.name, option.fields.map((inner) => inner.key)])).toEqual([
      ['payment-link', []],
      ['payment-plan', ['installments', 'interval']],
    ])
  })

  it('suggests the known outcomes for an exit', () => {
    expect(field(fieldsOf('exit'), 'outcome').type).toEqual({ kind: 'text', format: 'slug', suggestions: knownOutcomes })
  })

  it('suggests the known event types in every event field', () => {
    expect(field(fieldsOf('entry'), 'event').type).toEqual({ kind: 'text', format: 'event', suggestions: knownEventTypes })
    const eventMode = formModel('wait').modes.find((mode) => mode.name === 'event')!
    expect(field(eventMode.fields, 'event').type).toEqual({ kind: 'text', format: 'event', suggestions: knownEventTypes })
  })
})
