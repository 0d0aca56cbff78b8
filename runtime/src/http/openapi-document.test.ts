import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startApi } from './testing'

const require = createRequire(import.meta.url)

async function publishedDocument(): Promise<{ text: string; file: string }> {
  const api = await startApi()
  const text = await (await api.app.request('http://localhost:3000/openapi.json')).text()
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-openapi-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  const file = join(folder, 'openapi.json')
  writeFileSync(file, text)
  return { text, file }
}

describe('the published /openapi.json, judged by outside validators', () => {
  it('is a valid OpenAPI 3.1 document for swagger-parser', async () => {
    const { text } = await publishedDocument()
    await expect(SwaggerParser.validate(JSON.parse(text))).resolves.toMatchObject({ openapi: '3.1.0' })
  })

  it('has no errors for `redocly lint` (offline)', async () => {
    const { file } = await publishedDocument()
    const cli = join(require.resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js')
    const run = promisify(execFile)
    const result = await run(process.execPath, [cli, 'lint', file, '--format=stylish'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string; stderr: string; code: number }) => error)
    expect('code' in result ? `${result.stdout}${result.stderr}` : '', 'redocly lint found errors').toBe('')
  }, 120_000)
})
