import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateSchema } from './openapi-schema'

const target = fileURLToPath(new URL('../src/openapi-schema.ts', import.meta.url))
writeFileSync(target, await generateSchema())
console.log(`wrote ${target}`)
