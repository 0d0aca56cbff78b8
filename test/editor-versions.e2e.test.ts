import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '@dunwell/runtime'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

const root = new URL('../', import.meta.url).pathname
const friendly = JSON.parse(readFileSync(join(root, 'examples/friendly-reminder/journey.json'), 'utf8'))

let editor: EditorInBrowser
let server: RunningServer
let page: Page
let files: string

/** The screens of this slice, kept as test-results/editor/versions-*.png and looked at. */
const shot = (name: string) => editor.shot(name)

/** What the server has, read past the editor: the test trusts the API, not the screen, for what is stored. */
// `any`: the answers are checked by the assertions that read them.
async function api(path: string): Promise<any> {
  const response = await fetch(`${server.url}${path}`)
  expect(response.status).toBe(200)
  return response.json()
}

const openLink = (name: string) => page.getByRole('link', { name: `Open ${name}`, exact: true })

beforeAll(async () => {
  editor = await openEditorInBrowser('versions')
  ;({ server, page, dir: files } = editor)
}, 60_000)

// What the screen showed when a test failed, to be looked at.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)
})

afterAll(() => editor?.close())

describe('journeys, versions and files in a real browser', () => {
  it('renames, duplicates and archives journeys in the list', async () => {
    await page.goto(server.url)
    await openLink('Tone test for the second reminder').waitFor()

    await page.getByRole('button', { name: 'Rename Tone test for the second reminder' }).click()
    const rename = page.getByRole('dialog', { name: 'Rename “Tone test for the second reminder”' })
    await rename.getByLabel('Name').fill('Tone test: fees or neighbours')
    await shot('rename')
    await rename.getByRole('button', { name: 'Rename' }).click()
    await openLink('Tone test: fees or neighbours').waitFor()
    // The name lives in the document: a draft carries it, and the published version is left as it was.
    expect(await api('/api/journeys/tone-experiment')).toMatchObject({ name: 'Tone test: fees or neighbours', hasDraft: true, latestVersion: 1 })
    expect((await api('/api/journeys/tone-experiment/versions/1')).document.name).toBe('Tone test for the second reminder')

    await page.getByRole('button', { name: 'Duplicate Personalised by life situation' }).click()
    await openLink('Personalised by life situation (copy)').waitFor()
    const copy = await api('/api/journeys/life-situations-copy')
    expect(copy).toMatchObject({ name: 'Personalised by life situation (copy)', latestVersion: null, hasDraft: true })
    expect({ ...copy.document, id: 'life-situations', name: 'Personalised by life situation' }).toEqual((await api('/api/journeys/life-situations')).document)

    // Esc cancels the confirmation; archiving happens only when confirmed.
    await page.getByRole('button', { name: 'Archive Personalised by life situation (copy)' }).click()
    const confirm = page.getByRole('dialog', { name: 'Archive “Personalised by life situation (copy)”?' })
    await confirm.waitFor()
    await page.keyboard.press('Escape')
    await confirm.waitFor({ state: 'detached' })
    expect((await api('/api/journeys/life-situations-copy')).status).toBe('active')
    await page.getByRole('button', { name: 'Archive Personalised by life situation (copy)' }).click()
    await shot('archive-confirm')
    await confirm.getByRole('button', { name: 'Archive', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Archived “Personalised by life situation (copy)”' }).waitFor()
    expect((await api('/api/journeys/life-situations-copy')).status).toBe('archived')
    // Archived is read-only: the list reloads and offers no rename.
    await expect.poll(() => page.getByRole('button', { name: 'Rename Personalised by life situation (copy)' }).isDisabled()).toBe(true)
    await shot('list')
  })

  it('pauses and resumes a published journey, and exports its latest version', async () => {
    await page.getByRole('button', { name: 'Pause Personalised by life situation', exact: true }).click()
    await page.getByRole('button', { name: 'Resume Personalised by life situation', exact: true }).waitFor()
    expect((await api('/api/journeys/life-situations')).status).toBe('paused')
    await page.getByRole('button', { name: 'Resume Personalised by life situation', exact: true }).click()
    await page.getByRole('button', { name: 'Pause Personalised by life situation', exact: true }).waitFor()
    expect((await api('/api/journeys/life-situations')).status).toBe('active')
    // A draft that was never published has nothing to pause or export.
    expect(await page.getByRole('button', { name: 'Export Personalised by life situation (copy)' }).isDisabled()).toBe(true)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Personalised by life situation', exact: true }).click(),
    ])
    expect(download.suggestedFilename()).toBe('life-situations-v1.json')
    const file = join(files, 'life-situations-v1.json')
    await download.saveAs(file)
    expect(readFileSync(file, 'utf8')).toBe(await (await fetch(`${server.url}/api/journeys/life-situations/versions/1/export`)).text())
  })

  it('publishes an edit with a note as version 2', async () => {
    await openLink(friendly.name).click()
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).click()
    const label = page.getByRole('complementary', { name: /^Inspector: / }).getByLabel('Label (optional)', { exact: true })
    await label.fill('Courteous letter')
    await label.blur()
    await page.locator('.react-flow__node', { hasText: 'Courteous letter' }).waitFor()

    // Esc cancels without publishing; Publish asks again.
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    const publish = page.getByRole('dialog', { name: 'Publish version 2' })
    await publish.waitFor()
    await page.keyboard.press('Escape')
    await publish.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    // The dialog says what goes live: the changes since v1, in words.
    await publish.getByText('Letter ‘Courteous letter’: label changed from ‘Polite letter’ to ‘Courteous letter’').waitFor()
    await expect.poll(() => page.locator('#publish-note').evaluate((note) => note === note.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.type('Warmer wording for the letter')
    await shot('publish-dialog')
    await publish.getByRole('button', { name: 'Publish v2' }).click()
    await expect.poll(async () => (await api('/api/journeys/friendly-reminder')).latestVersion).toBe(2)
    expect(await api('/api/journeys/friendly-reminder/versions')).toEqual([
      { version: 2, note: 'Warmer wording for the letter', publishedAt: expect.any(String) },
      { version: 1, note: 'example', publishedAt: expect.any(String) },
    ])
  })

  it('shows the history and the diff of two versions, in words and in Monaco', async () => {
    await page.getByRole('button', { name: /Versions/ }).click()
    const history = page.getByRole('complementary', { name: 'Version history' })
    await history.getByText('Warmer wording for the letter').waitFor()
    await expect.poll(() => history.locator('.version').first().textContent()).toContain('live')
    // Without a draft, the view opens on what the latest version changed.
    const changes = page.getByRole('list', { name: 'Changes' })
    await changes.getByText('Letter ‘Courteous letter’: label changed from ‘Polite letter’ to ‘Courteous letter’').waitFor()
    expect(await changes.locator('li').count()).toBe(1)
    const modified = page.locator('.monaco-diff-editor .editor.modified')
    await modified.getByText('"Courteous letter"').waitFor({ timeout: 10_000 })
    await page.locator('.monaco-diff-editor .editor.original').getByText('"Polite letter"').waitFor()
    await shot('diff')

    // An older version can be taken back into the draft: undoable, and nothing is saved or published by it.
    await page.getByRole('button', { name: 'Restore v1 into the draft' }).click()
    await page.getByRole('status').filter({ hasText: 'v1 is now the draft' }).waitFor()
    await changes.getByText('Letter ‘Polite letter’: label changed from ‘Courteous letter’ to ‘Polite letter’').waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByText('No differences: the two are the same journey.').waitFor()
    expect(await api('/api/journeys/friendly-reminder')).toMatchObject({ hasDraft: false, latestVersion: 2 })
    await page.getByRole('button', { name: 'Changes in v2' }).click()

    // The changed step opens on the canvas with its inspector.
    await page.getByRole('button', { name: 'Show step reminder-letter on the canvas' }).click()
    await page.getByRole('complementary', { name: 'Inspector: Courteous letter' }).waitFor()
    await page.getByRole('button', { name: /Versions/ }).click()
  })

  it('exports a version, and importing that file gives the same document without touching the versions', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export v2' }).click()])
    expect(download.suggestedFilename()).toBe('friendly-reminder-v2.json')
    const file = join(files, download.suggestedFilename())
    await download.saveAs(file)
    const exported = readFileSync(file, 'utf8')
    expect(exported).toBe(await (await fetch(`${server.url}/api/journeys/friendly-reminder/versions/2/export`)).text())

    await page
      .getByRole('link', { name: /Dunwell/ })
      .first()
      .click()
    await openLink(friendly.name).waitFor()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import a file' }).click()])
    await chooser.setFiles(file)
    const report = page.getByRole('region', { name: 'Import report' })
    await report.getByText('A valid journey').waitFor()
    await report.getByText('exists already').waitFor()
    await shot('import-existing')
    // The id is taken: it asks before replacing the draft, and says the versions stay.
    await report.getByRole('button', { name: /^Replace the draft of/ }).click()
    const confirm = page.getByRole('dialog', { name: `Replace the draft of “${friendly.name}”?` })
    await confirm.getByText('stay as they are').waitFor()
    await confirm.getByRole('button', { name: 'Replace draft' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Imported “${friendly.name}” as a draft.` })
      .waitFor()

    const stored = await api('/api/journeys/friendly-reminder')
    expect(stored).toMatchObject({ latestVersion: 2, hasDraft: true })
    expect(stored.document).toEqual(JSON.parse(exported))
    expect((await api('/api/journeys/friendly-reminder/versions')).map((v: { version: number }) => v.version)).toEqual([2, 1])
    expect((await api('/api/journeys/friendly-reminder/versions/1')).document).toEqual(friendly)
  })

  it('reports what is wrong with a broken file, and refuses one that is not a journey', async () => {
    const broken = structuredClone(friendly)
    broken.id = 'broken-reminder'
    delete broken.templates['friendly-reminder']
    const brokenFile = join(files, 'broken-reminder.json')
    writeFileSync(brokenFile, JSON.stringify(broken, null, 2))
    const input = page.getByLabel('Journey file to import')
    await input.setInputFiles(brokenFile)
    const report = page.getByRole('region', { name: 'Import report' })
    await report.getByText(/^1 error/).waitFor()
    const problems = report.getByRole('list', { name: 'Problems in the file' })
    const problem = problems.locator('li', { hasText: 'Email ‘Friendly reminder’ (reminder-email)' })
    await problem.waitFor()
    expect(await problem.textContent()).toContain('nodes[1].data.template')
    // The problem names the field as the inspector labels it.
    expect(await problem.locator('.import-problem__message').textContent()).toMatch(/^Template: /)
    await shot('import-broken')
    // Unfinished work may still come in as a draft, to be fixed in the editor.
    await report.getByRole('button', { name: 'Save as a draft' }).click()
    await page.getByRole('status').filter({ hasText: 'as a draft (with problems to fix)' }).getByRole('link', { name: 'Open it' }).waitFor()
    expect(await api('/api/journeys/broken-reminder')).toMatchObject({ hasDraft: true, latestVersion: null, document: broken })

    const notJson = join(files, 'notes.json')
    writeFileSync(notJson, '{ "format": "dunwell/journey@1",\n  "id": oops\n}')
    await input.setInputFiles(notJson)
    await report.getByText(/not valid JSON at line 2/).waitFor()
    await report.getByRole('heading', { name: '“notes.json” cannot be imported' }).waitFor()
    await shot('import-not-json')
    expect(await report.getByRole('button', { name: /Save|Replace|Import as/ }).count()).toBe(0)
    const before = await api('/api/journeys')
    const other = join(files, 'package.json')
    writeFileSync(other, '{"name": "not-a-journey", "version": "1.0.0"}')
    await input.setInputFiles(other)
    await report.getByText('This file is not a journey').waitFor()
    expect(await api('/api/journeys')).toEqual(before)
  })
})
