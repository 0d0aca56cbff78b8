import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { journeyJsonSchema, nodeTypes } from '@dunwell/journey'

describe('journey.schema.json', () => {
  it('is up to date with the zod schema (run `pnpm generate` when this fails)', () => {
    const committed = JSON.parse(readFileSync(new URL('../journey.schema.json', import.meta.url), 'utf8'))
    expect(committed).toEqual(journeyJsonSchema())
  })

  it('describes every node kind', () => {
    const text = JSON.stringify(journeyJsonSchema())
    for (const type of nodeTypes) {
      expect(text).toContain(`"const":"${type}"`)
    }
  })
})
