import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { generateSchema } from '../scripts/openapi-schema'

it('the client’s types are the document the runtime serves (else: pnpm --filter @dunwell/client generate)', async () => {
  const committed = readFileSync(new URL('./openapi-schema.ts', import.meta.url), 'utf8')
  expect(committed === (await generateSchema()), 'packages/client/src/openapi-schema.ts is stale: run pnpm --filter @dunwell/client generate').toBe(true)
})
