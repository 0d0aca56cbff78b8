import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '@dunwell/runtime'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

const root = new URL('../', import.meta.url).pathname
const friendly = JSON.parse(readFileSync(join(root, 'examples/friendly-reminder/journey.json'), 'utf8'))

let editor: EditorInBrowser
let server: RunningServer
let page: Page

/** What a collections manager sees, kept as test artifacts (test-results/editor/*.png) and looked at. */
const shot = (name: string) => editor.shot(name)

beforeAll(async () => {
  editor = await openEditorInBrowser('')
  ;({ server, page } = editor)
}, 60_000)

afterAll(() => editor?.close())

describe('the editor in a real browser', () => {
  it('lists the journeys and opens one as its document: every node on the canvas, no problems', async () => {
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Journeys' }).waitFor()
    for (const name of ['Friendly reminder for forgetful payers', 'Personalised by life situation', 'Tone test for the second reminder']) {
      await page
        .getByRole('button', { name: `Open ${name}` })
        .or(page.getByRole('link', { name: `Open ${name}` }))
        .first()
        .waitFor()
    }
    await shot('journeys')
    await page
      .getByRole('button', { name: `Open ${friendly.name}` })
      .or(page.getByRole('link', { name: `Open ${friendly.name}` }))
      .first()
      .click()
    await page.locator('.react-flow__node').first().waitFor()
    expect(await page.locator('.react-flow__node').count()).toBe(friendly.nodes.length)
    expect(await page.locator('.react-flow__edge').count()).toBe(friendly.edges.length)
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()
    await shot('friendly-reminder')
  })

  it('adds a step from the palette, shows what is wrong with it on the canvas, and undoes it', async () => {
    const canvas = page.getByLabel('Journey canvas')
    await page.getByRole('button', { name: /^Add Email:/ }).dragTo(canvas, { targetPosition: { x: 900, y: 150 } })
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length + 1)
    // A new email step leads nowhere, nothing leads to it, and it has no template yet.
    await expect
      .poll(async () => (await page.getByRole('button', { name: /^Problems: \d+ errors/ }).getAttribute('aria-label')) ?? '')
      .not.toBe('Problems: 0 errors, 0 warnings')
    await shot('added-email-with-problems')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length)
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length + 1)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length)
  })

  it('keeps a step dropped at the very edge of the canvas whole on screen', async () => {
    const canvas = page.getByLabel('Journey canvas')
    const area = (await canvas.boundingBox())!
    await page.getByRole('button', { name: /^Add SMS:/ }).dragTo(canvas, { targetPosition: { x: 3, y: area.height - 3 } })
    const added = page.locator('.react-flow__node-sms.selected, .react-flow__node.selected').first()
    await added.waitFor()
    const box = (await added.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(area.x)
    expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length)
  })

  it('edits a step in the inspector, shows it on the canvas, and undoes the edit in one step', async () => {
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).click()
    await page.getByRole('complementary', { name: 'Inspector: Polite letter' }).waitFor()
    // Its name follows the step's label, which is what this test changes.
    const label = page.getByRole('complementary', { name: /^Inspector: / }).getByLabel('Label (optional)', { exact: true })
    await label.fill('Courteous letter')
    await label.blur()
    await page.locator('.react-flow__node', { hasText: 'Courteous letter' }).waitFor()
    await shot('inspector')
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).waitFor()
    expect(await page.locator('.react-flow__node', { hasText: 'Courteous letter' }).count()).toBe(0)
  })

  it('edits a wait as a number and a unit, writes ISO 8601, and undoes each field visit in one step', async () => {
    const card = page.locator('.react-flow__node[data-id="wait-3-days"]')
    await card.click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    await shot('dbg-1')
    const amount = inspector.getByLabel('Duration', { exact: true })
    const unit = inspector.getByLabel('Duration unit')
    expect(await amount.inputValue()).toBe('3')
    expect(await unit.inputValue()).toBe('business-days')
    await inspector.getByText('3 business days (P3D)').waitFor()
    // Keyboard only: type the number, Tab to the unit, choose weeks.
    await amount.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('10')
    await page.keyboard.press('Tab')
    await expect.poll(() => unit.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true)
    await card.getByText('10 business days').waitFor()
    await unit.selectOption('weeks')
    await card.getByText('10 weeks').waitFor()
    await inspector.getByText('10 weeks (P10W)').waitFor()
    await shot('inspector-duration')
    await unit.blur()
    await page.getByRole('button', { name: 'Undo' }).click()
    await card.getByText('10 business days').waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await card.getByText('3 business days').waitFor()
    expect(await amount.inputValue()).toBe('3')
    // What one number and one unit cannot say is typed as text, and stays text with a note: nothing is rounded.
    await inspector.getByRole('button', { name: 'Type as ISO 8601' }).click()
    const text = inspector.getByLabel('Duration', { exact: true })
    await text.fill('P1DT2H')
    await text.blur()
    await card.getByText('1 business day, 2 hours').waitFor()
    await inspector.getByText(/^Business days counted in|more than one unit/).waitFor()
    await shot('inspector-duration-text')
    await page.getByRole('button', { name: 'Undo' }).click()
    await card.getByText('3 business days').waitFor()
    await inspector.getByRole('button', { name: 'Use number and unit' }).click()
    expect(await amount.inputValue()).toBe('3')
  })

  it('suggests the known event types and warns of a typo in the entry event, naming the closest one', async () => {
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    await page.locator('.react-flow__node[data-id="overdue"]').click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    const event = inspector.getByLabel('Starts on event')
    const list = await event.getAttribute('list')
    expect(await page.locator(`datalist[id="${list}"] option[value="payment.received"]`).count()).toBe(1)
    await event.fill('invoice.overdu')
    await event.blur()
    await inspector.locator('.field__warning', { hasText: 'did you mean invoice.overdue?' }).waitFor()
    await page.getByRole('button', { name: 'Problems: 0 errors, 1 warning' }).click()
    await page
      .getByRole('complementary', { name: 'Problems' })
      .getByText('Starts on event: "invoice.overdu" is not a known event type; did you mean invoice.overdue?')
      .waitFor()
    await shot('inspector-event-typo')
    await page.getByRole('button', { name: 'Close problems' }).click()
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()
  })

  it('switches the entry to days past due in the inspector, shows it on the canvas, and undoes it', async () => {
    await page.getByRole('button', { name: 'Zoom to fit' }).click()
    const card = page.locator('.react-flow__node[data-id="overdue"]')
    await card.click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    await inspector.getByRole('radiogroup', { name: 'Entry mode' }).getByText('By days past due').click()
    expect(await inspector.getByLabel('Days past due', { exact: true }).inputValue()).toBe('30')
    expect(await inspector.getByLabel('At (local time)').inputValue()).toBe('09:00')
    await card.getByText(/at 30 days past due, 09:00 local/).waitFor()
    await shot('inspector-entry-days-past-due')
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await card.getByText(/on invoice\.overdue/).waitFor()
  })

  it('shows a template next to its translation and previews it as the runtime sends it', async () => {
    await page.getByRole('button', { name: /Templates/ }).click()
    await page
      .getByRole('button', { name: /Friendly first reminder/ })
      .first()
      .click()
    // The preview is rendered by the runtime (POST /api/preview) for a sample case, here Anna in German.
    const preview = page.frameLocator('iframe').first()
    await preview.getByText('Hallo Anna,').waitFor({ timeout: 15_000 })
    await shot('templates')
    await page.getByRole('button', { name: /Canvas/ }).click()
    await page.locator('.react-flow__node').first().waitFor()
  })

  it('refuses to publish while errors remain', async () => {
    await page.getByRole('button', { name: /^Add Exit:/ }).click()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(friendly.nodes.length + 1)
    // An exit nothing leads to is an error: the validator runs as you edit, and Publish waits for a clean journey.
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true)
    await shot('publish-blocked')
    await page.getByRole('button', { name: 'Undo' }).click()
  })
})
