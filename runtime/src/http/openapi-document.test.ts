/**
 * The published document judged by outside tools: swagger-parser validates it against the OpenAPI 3.1 schema (and
 * resolves every $ref), Redocly's recommended rules lint it with no error. Both run offline on the document the
 * server serves.
 */
import SwaggerParser from '@apidevtools/swagger-parser'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, onTestFinished, test } from 'vitest'
import { startApi } from './testing'

const run = promisify(execFile)
const runtimeRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

async function servedDocument(): Promise<{ text: string; file: string }> {
  const api = await startApi()
  const text = await (await api.app.request('/openapi.json')).text()
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-openapi-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  const file = join(folder, 'openapi.json')
  writeFileSync(file, text)
  return { text, file }
}

test('swagger-parser finds the document valid OpenAPI 3.1, every reference resolved', async () => {
  const { text } = await servedDocument()
  const document = (await SwaggerParser.validate(JSON.parse(text))) as { openapi: string; paths: Record<string, unknown> }
  expect(document.openapi).toBe('3.1.0')
  expect(Object.keys(document.paths)).toContain('/api/cases/{id}')
})

test('Redocly lints the document (recommended rules) with no error', async () => {
  const { file } = await servedDocument()
  const redocly = join(runtimeRoot, 'node_modules', '.bin', 'redocly')
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }
  const result = await run(redocly, ['lint', file, '--format', 'json'], { env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => error)
  const report = JSON.parse(String(result.stdout)) as { totals: { errors: number }; problems: { severity: string; ruleId: string; message: string; location: { pointer?: string }[] }[] }
  const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`)
  expect(errors).toEqual([])
  expect(report.totals.errors).toBe(0)
}, 120_000)
