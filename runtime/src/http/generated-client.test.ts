/**
 * What an integrator generates from the served document must type-check the README's first steps: openapi-typescript
 * turns /openapi.json into types, openapi-fetch's client uses them, and the repo's tsc checks a small program that
 * creates a case, enrols it, posts a payment and reads the timeline and messages — with `if (error)` narrowing to the
 * Problem body on every call.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { expect, onTestFinished, test } from 'vitest'
import { startApi } from './testing'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const runtimeRoot = join(here, '..', '..')
const repoRoot = join(runtimeRoot, '..')

const firstSteps = `
import createClient from 'openapi-fetch'
import type { paths, components } from './api'

type Problem = components['schemas']['Problem']
const client = createClient<paths>({ baseUrl: 'http://localhost:3000', headers: { Authorization: 'Bearer key' } })

export async function firstSteps(): Promise<string[]> {
  const problems: Problem[] = []
  const created = await client.PUT('/api/cases/{id}', {
    params: { path: { id: 'inv-1001' } },
    body: { debtor: { firstName: 'Ada', email: 'ada@example.com', locale: 'en', timezone: 'Europe/London' }, amountDue: 120, currency: 'EUR', dueDate: '2026-11-01' },
  })
  if (created.error) problems.push(created.error)
  else created.data satisfies object

  const enrolled = await client.POST('/api/cases/{id}/enrol', { params: { path: { id: 'inv-1001' } }, body: { journeyId: 'friendly-reminder' } })
  if (enrolled.error) {
    const title: string = enrolled.error.title
    const status: number = enrolled.error.status
    problems.push({ ...enrolled.error, title, status })
  }

  const paid = await client.POST('/api/events', { body: { id: 'pay-1', type: 'payment.received', caseId: 'inv-1001', data: { amount: 120 } } })
  if (paid.error) problems.push(paid.error)

  const timeline = await client.GET('/api/cases/{id}/timeline', { params: { path: { id: 'inv-1001' } } })
  if (timeline.error) {
    problems.push(timeline.error)
    return problems.map((p) => p.detail ?? p.title)
  }
  const entries: unknown[] = timeline.data

  const messages = await client.GET('/api/messages', { params: { query: { caseId: 'inv-1001' } } })
  if (messages.error) return [messages.error.title]
  return [String(entries.length), String(messages.data.length), ...problems.map((p) => p.title)]
}
`

test('a client generated from /openapi.json (openapi-typescript + openapi-fetch) type-checks the README first steps', async () => {
  const api = await startApi()
  const document = (await (await api.app.request('/openapi.json')).json()) as OpenAPI3
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-client-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  writeFileSync(join(folder, 'api.ts'), astToString(await openapiTS(document)))
  writeFileSync(join(folder, 'first-steps.ts'), firstSteps)
  writeFileSync(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2023', 'DOM'], types: [], strict: true,
        noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true,
        paths: { 'openapi-fetch': [join(runtimeRoot, 'node_modules', 'openapi-fetch')] },
      },
      files: ['first-steps.ts'],
    }),
  )
  const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc')
  const result = await run(tsc, ['-p', join(folder, 'tsconfig.json')], { maxBuffer: 16 * 1024 * 1024 }).then(
    () => ({ code: 0, output: '' }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  )
  expect(result.output).toBe('')
  expect(result.code).toBe(0)
}, 120_000)
