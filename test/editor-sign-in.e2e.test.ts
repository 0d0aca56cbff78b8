import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, type RunningServer } from '@dunwell/runtime'
import type { Page } from 'playwright-core'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

let editor: EditorInBrowser
let server: RunningServer
let page: Page
/** What Chromium refused under the editor's Content-Security-Policy: must stay empty. */
const refusedByPolicy: string[] = []
/** Every API call the page made, with whether it carried the key. */
const apiCalls: { url: string; authorization: string | undefined }[] = []

beforeAll(async () => {
  editor = await openEditorInBrowser('sign-in', { open: false })
  ;({ server, page } = editor)
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) refusedByPolicy.push(message.text())
  })
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push({ url: request.url(), authorization: request.headers().authorization })
  })
}, 60_000)

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await editor.shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)
})

afterAll(() => editor?.close())

const storage = () =>
  page.evaluate<{ session: string | null; local: number }>('({ session: sessionStorage.getItem("dunwell.apiKey"), local: localStorage.length })')

describe('the editor against a server with API keys', () => {
  it('asks for a key, signs in as a viewer, shows journeys without Publish, and signs out', async () => {
    const viewer = await createApiKey(server.db, { name: 'Vera', role: 'viewer' })
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Sign in to Dunwell' }).waitFor()
    await editor.shot('asks-for-key')

    // A wrong key: said so, and not kept.
    await page.getByLabel('API key').fill('dw_not-a-real-key')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'This key is not valid' }).waitFor()
    expect((await storage()).session).toBeNull()

    await page.getByLabel('API key').fill(viewer.key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Open Friendly reminder for forgetful payers', exact: true }).waitFor()
    await page.getByText('Signed in as Vera (viewer)').waitFor()
    await editor.shot('viewer-journeys')
    // The key lives in this tab's session only: never in the address, never in localStorage.
    expect(page.url()).not.toContain(viewer.key)
    expect(await storage()).toEqual({ session: viewer.key, local: 0 })
    // A viewer is offered nothing it may not do.
    for (const name of ['New journey', 'Import a file', 'Import cases'])
      expect(await page.getByRole('button', { name }).or(page.getByRole('link', { name })).count(), name).toBe(0)
    expect(await page.getByRole('button', { name: /^Archive / }).count()).toBe(0)

    await page.getByRole('link', { name: 'Open Friendly reminder for forgetful payers', exact: true }).click()
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    expect(await page.getByRole('button', { name: /Publish/ }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /Save draft|Saved/ }).count()).toBe(0)
    await editor.shot('viewer-canvas')
    // Monaco (workers, styles) and the template preview run under the editor's Content-Security-Policy.
    await page.getByRole('button', { name: 'Templates' }).click()
    await page.locator('.monaco-editor').first().waitFor()
    await page.frameLocator('iframe.template-preview__frame').first().locator('body').waitFor()
    await page.getByRole('button', { name: 'JSON' }).click()
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    await editor.shot('viewer-json')

    // Every API call the editor made carried the key.
    expect(apiCalls.length).toBeGreaterThan(2)
    expect(apiCalls.filter((call) => call.authorization !== `Bearer ${viewer.key}` && call.authorization !== 'Bearer dw_not-a-real-key')).toEqual([
      expect.objectContaining({ url: `${server.url}/api/me`, authorization: undefined }),
    ])

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Dunwell' }).waitFor()
    expect((await storage()).session).toBeNull()
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in to Dunwell' }).waitFor()
    expect(refusedByPolicy).toEqual([])
  }, 60_000)

  it('shows an editor key the Publish button, and speaks German to a German browser', async () => {
    const editorKey = await createApiKey(server.db, { name: 'Erik', role: 'editor' })
    const german = await editor.browser.newPage({ locale: 'de-DE', viewport: { width: 1280, height: 800 } })
    try {
      await german.goto(server.url)
      await german.getByRole('heading', { name: 'Bei Dunwell anmelden' }).waitFor()
      await german.getByLabel('API-Schlüssel').fill(editorKey.key)
      await german.getByRole('button', { name: 'Anmelden' }).click()
      await german.getByText('Angemeldet als Erik (Bearbeitung)').waitFor()
      await german.getByRole('link', { name: 'Open Friendly reminder for forgetful payers', exact: true }).click()
      await german.getByRole('button', { name: /Publish/ }).waitFor()
      await german.getByRole('button', { name: 'Abmelden' }).click()
      await german.getByRole('heading', { name: 'Bei Dunwell anmelden' }).waitFor()
    } finally {
      await german.close()
    }
  }, 60_000)
})
