import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { journeyJsonSchema } from '../src/json-schema'

const target = fileURLToPath(new URL('../journey.schema.json', import.meta.url))
writeFileSync(target, `${JSON.stringify(journeyJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target}`)
