import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import openapiTS, { astToString } from 'openapi-typescript'
import { expect, it, onTestFinished } from 'vitest'
import { startApi } from './testing'

const require = createRequire(import.meta.url)

/** The README's first steps (curl), as an integrator writes them with a client generated from the served document. */
const flow = `import createClient from 'openapi-fetch'
import type { paths } from './schema'

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000', headers: { Authorization: 'Bearer key' } })

export async function firstSteps(): Promise<string[]> {
  const put = await client.PUT('/api/cases/{id}', {
    params: { path: { id: 'inv-1001' } },
    body: { debtor: { firstName: 'Ada', email: 'ada@example.com', locale: 'en', timezone: 'Europe/London' }, amountDue: 120, currency: 'EUR', dueDate: '2026-11-01' },
  })
  if (put.error) return [put.error.detail, ...(put.error.errors ?? []).map((e) => e.path)]
  const created: boolean = put.data.created
  const enrol = await client.POST('/api/cases/{id}/enrol', { params: { path: { id: 'inv-1001' } }, body: { journeyId: 'friendly-reminder' } })
  if (enrol.error) return [enrol.error.detail, enrol.error.permission ?? '']
  const paid = await client.POST('/api/events', { body: { id: 'pay-1', type: 'payment.received', caseId: 'inv-1001', data: { amount: 120 } } })
  if (paid.error) return [paid.error.detail]
  const duplicate: boolean = paid.data.duplicate
  const timeline = await client.GET('/api/cases/{id}/timeline', { params: { path: { id: 'inv-1001' } } })
  if (timeline.error) return [timeline.error.title]
  const kinds: string[] = timeline.data.map((entry) => entry.kind)
  const messages = await client.GET('/api/messages', { params: { query: { caseId: 'inv-1001' } } })
  if (messages.error) return [messages.error.detail]
  return [String(created), String(duplicate), ...kinds, String(messages.data.length)]
}
`

it('a client generated from /openapi.json (openapi-typescript + openapi-fetch) type-checks the README’s first steps', async () => {
  const api = await startApi()
  const document = (await (await api.app.request('http://127.0.0.1:3000/openapi.json')).json()) as Parameters<typeof openapiTS>[0]
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-client-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  writeFileSync(join(folder, 'schema.d.ts'), astToString(await openapiTS(document)))
  writeFileSync(join(folder, 'flow.ts'), flow)
  const fetchTypes = dirname(require.resolve('openapi-fetch/package.json'))
  writeFileSync(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        skipLibCheck: true,
        types: [],
        paths: { 'openapi-fetch': [fetchTypes] },
      },
      files: ['flow.ts'],
    }),
  )
  const tsc = join(dirname(require.resolve('typescript/package.json', { paths: [process.cwd()] })), 'bin', 'tsc')
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(folder, 'tsconfig.json')]).catch(
    (error: { stdout: string; stderr: string }) => error,
  )
  expect('code' in result ? `${result.stdout}${result.stderr}` : '', 'tsc found errors in the generated client’s use').toBe('')
}, 120_000)
