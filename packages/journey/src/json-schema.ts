import { z } from 'zod'
import { journeySchema } from './document'

/** The published JSON Schema of the journey document, derived from the zod schema. */
export function journeyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(journeySchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://dunwell.dev/schemas/journey@1.json',
    title: 'Dunwell journey (dunwell/journey@1)',
  }
}
