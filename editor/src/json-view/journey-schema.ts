import schema from '@dunwell/journey/journey.schema.json'
import { monaco } from '../monaco/setup'

/** The JSON view's model: the published schema applies to it, and to no other JSON. */
export const JOURNEY_MODEL_URI = 'inmemory://dunwell/journey.json'

let configured = false

/** Monaco's JSON language service checks the text against the committed journey.schema.json (no fetching). */
export function configureJourneySchema(): void {
  if (configured) return
  configured = true
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [{ uri: String(schema.$id ?? 'https://dunwell.dev/schemas/journey@1.json'), fileMatch: [JOURNEY_MODEL_URI], schema }],
  })
}
