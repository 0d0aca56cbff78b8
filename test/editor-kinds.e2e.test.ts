import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

let editor: EditorInBrowser

beforeAll(async () => {
  editor = await openEditorInBrowser('kinds')
}, 60_000)

afterAll(() => editor?.close())

/** Opens the friendly-reminder journey and adds a step of a kind from the palette; its inspector opens. */
async function addStep(page: Page, kind: string) {
  await page.goto(`${editor.server.url}/journeys/friendly-reminder`)
  await page.locator('.canvas[data-ready]').waitFor()
  await page.getByRole('button', { name: new RegExp(`^Add ${kind}:`) }).click()
  return page.getByRole('complementary', { name: /^Inspector: / })
}

describe('the newest kinds in the editor', () => {
  it('asks an offer for its parts and rules in a manager’s words, and shows a change on the canvas', async () => {
    const page = editor.page
    const inspector = await addStep(page, 'Offer')
    const plan = inspector.getByRole('group', { name: 'Instalment plan' })
    await plan.getByLabel('Smallest instalment').waitFor()
    await inspector.getByRole('checkbox', { name: 'Use pay in part' }).waitFor()
    // The intervals read as words; the default offers monthly instalments.
    const intervals = plan.getByRole('group', { name: 'Allowed intervals' })
    expect(await intervals.getByRole('button').allInnerTexts()).toEqual(['Weekly', 'Every two weeks', 'Monthly'])
    expect(await intervals.getByRole('button', { name: 'Monthly' }).getAttribute('aria-pressed')).toBe('true')
    await intervals.getByRole('button', { name: 'Every two weeks' }).click()
    await expect.poll(() => intervals.getByRole('button', { name: 'Every two weeks' }).getAttribute('aria-pressed')).toBe('true')
    const most = plan.getByLabel('Most instalments', { exact: true })
    await most.fill('12')
    await most.blur()
    await page.locator('.react-flow__node', { hasText: 'up to 12 instalments' }).waitFor()
    await inspector.getByRole('group', { name: 'Promise to pay' }).getByLabel('Within days').waitFor()
    await editor.shot('offer-inspector')
  })

  it('labels an offer and a wait for a promise or plan in German for a German browser', async () => {
    const german = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    try {
      const offer = await addStep(german, 'Offer')
      const plan = offer.getByRole('group', { name: 'Ratenplan' })
      await plan.getByLabel('Kleinste Rate').waitFor()
      expect(await plan.getByRole('group', { name: 'Erlaubte Abstände' }).getByRole('button').allInnerTexts()).toEqual([
        'Wöchentlich',
        'Alle zwei Wochen',
        'Monatlich',
      ])
      // A balance band is a "Stufe", added and named in German.
      const bands = plan.getByRole('group', { name: 'Saldostufen' })
      await bands.getByRole('button', { name: 'Stufe hinzufügen' }).click()
      await bands.getByText('1. Stufe 1').waitFor()
      await bands.getByRole('button', { name: 'Stufe 1 entfernen' }).click()
      await offer.getByRole('group', { name: 'Zahlungsversprechen' }).getByLabel('Innerhalb von Tagen').waitFor()
      await offer.getByRole('checkbox', { name: 'Teilzahlung verwenden' }).waitFor()
      await german.screenshot({ path: join(artifacts, 'kinds-offer-german.png') })
      await german.getByRole('button', { name: 'Undo' }).click()
      const wait = await addStep(german, 'Wait for promise or plan')
      await wait.getByLabel('Frist für eine Zusage', { exact: true }).waitFor()
      await wait.getByText('Gibt der Schuldner in dieser Zeit kein Zahlungsversprechen ab').waitFor()
    } finally {
      await german.close()
    }
  })
})
