import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { compileText, format, validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'

// An outside judge: Ajv reads the published file as an editor would, knowing nothing of zod.
const published = JSON.parse(readFileSync(new URL('../journey.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats.default(ajv)
const schemaAccepts = ajv.compile(published)

const examplesDir = new URL('../../../examples/', import.meta.url)
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return [{ name: entry.name, text: readFileSync(new URL(`${entry.name}/journey.json`, examplesDir), 'utf8') }]
    } catch {
      return []
    }
  })

type Mutable = Record<string, any>
const errors = (document: unknown) => validate(document).filter((diagnostic) => diagnostic.severity === 'error')

/** A copy of the sample journey with one field set, e.g. `set('pause', 'for', 'P3X')`. */
function withField(nodeId: string | 'contactHours', field: string, value: unknown): Mutable {
  const journey = structuredClone(sampleJourney()) as Mutable
  if (nodeId === 'contactHours') journey.settings.contactHours = { start: '00:00', end: '23:59', days: ['mon', 'fri'], [field]: value }
  else journey.nodes.find((node: Mutable) => node.id === nodeId).data[field] = value
  return journey
}

const fields = [
  { nodeId: 'pause', field: 'for', kind: 'duration' },
  { nodeId: 'promise', field: 'timeout', kind: 'duration' },
  { nodeId: 'start', field: 'cooldown', kind: 'duration' },
  { nodeId: 'evening', field: 'until', kind: 'time' },
  { nodeId: 'contactHours', field: 'end', kind: 'time' },
  { nodeId: 'start', field: 'event', kind: 'event' },
] as const

const bad = {
  duration: ['P3X', '3D', 'p3d', 'P', 'PT', 'P1DT', 'P0D', 'PT0S', '-P3D', 'P-1D', 'P1D2H', 'PT1H2D', 'P 3D', ''],
  time: ['25:00', '24:00', '9:00', '09:60', '09:00:00', '0900', 'noon', ''],
  event: ['dunwell.tick', 'xstate.init', 'Invoice.Overdue', 'invoice..overdue', ''],
}
const good = {
  duration: ['P3D', 'PT12H', 'P1W', 'P1Y2M', 'P1DT12H', 'PT90M', 'PT30S', 'PT1.5H', 'P0.5D', 'P10D'],
  time: ['00:00', '09:00', '19:30', '23:59'],
  event: ['invoice.overdue', 'payment.received', 'optout', 'promise.made'],
}

describe('the published JSON Schema, judged by Ajv, against the validator', () => {
  it('holds the sample journey and every example the validator holds', () => {
    expect(errors(sampleJourney())).toEqual([])
    expect(schemaAccepts(sampleJourney()), JSON.stringify(schemaAccepts.errors)).toBe(true)
    expect(examples.map((example) => example.name).length).toBeGreaterThanOrEqual(3)
    for (const example of examples) {
      const document = JSON.parse(example.text)
      expect({ example: example.name, errors: errors(document) }).toEqual({ example: example.name, errors: [] })
      expect({ example: example.name, accepted: schemaAccepts(document), why: schemaAccepts.errors ?? null }).toEqual({
        example: example.name,
        accepted: true,
        why: null,
      })
    }
  })

  it('holds every example with a "$schema" key, and format keeps it first', () => {
    for (const example of examples) {
      const document = { $schema: '../../packages/journey/journey.schema.json', ...JSON.parse(example.text) }
      expect({ example: example.name, errors: errors(document) }).toEqual({ example: example.name, errors: [] })
      expect(schemaAccepts(document), `${example.name}: ${JSON.stringify(schemaAccepts.errors)}`).toBe(true)
      const formatted = format(document)
      expect(Object.keys(JSON.parse(formatted))[0]).toBe('$schema')
      expect(JSON.parse(formatted)).toMatchObject({ $schema: '../../packages/journey/journey.schema.json' })
      expect(compileText(formatted).ok).toBe(true)
    }
    expect(schemaAccepts({ ...sampleJourney(), $schema: 42 })).toBe(false)
    expect(errors({ ...sampleJourney(), $schema: 42 }).map((diagnostic) => diagnostic.path)).toEqual([['$schema']])
  })

  for (const { nodeId, field, kind } of fields) {
    it(`refuses what the validator refuses and holds what it holds: ${kind} at ${nodeId}.${field}`, () => {
      for (const value of bad[kind]) {
        const document = withField(nodeId, field, value)
        expect({ value, validatorRefuses: errors(document).length > 0, schemaRefuses: !schemaAccepts(document) }).toEqual({
          value,
          validatorRefuses: true,
          schemaRefuses: true,
        })
      }
      // (Contact hours must also end after they start, which no pattern says: the end is tried after the start, 00:00.)
      for (const value of good[kind].filter((time) => !(nodeId === 'contactHours' && time === '00:00'))) {
        const document = withField(nodeId, field, value)
        expect({ value, validator: errors(document), schemaAccepts: schemaAccepts(document) }).toEqual({ value, validator: [], schemaAccepts: true })
      }
    })
  }
})
