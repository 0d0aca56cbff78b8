import { readFileSync } from 'node:fs'
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
const shot = (name: string) => editor.shot(name)

/** The friendly reminder as a journey of its own written in English only: German is what the test adds. */
function englishOnly() {
  const journey = structuredClone(friendly)
  journey.id = 'settings-test'
  journey.name = 'Settings test'
  journey.settings = { locales: ['en'], defaultLocale: 'en' }
  for (const template of Object.values<{ subject?: Record<string, string>; body: Record<string, string> }>(journey.templates)) {
    delete template.body.de
    delete template.subject?.de
  }
  return journey
}

beforeAll(async () => {
  editor = await openEditorInBrowser('settings')
  ;({ server, page } = editor)
  const saved = await editor.api<{ valid: boolean }>('PUT', '/api/journeys/settings-test/draft', englishOnly())
  expect(saved.valid).toBe(true)
}, 60_000)

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)
})

afterAll(() => editor?.close())

describe('the journey settings screen in a real browser', () => {
  it('adds German and flags the missing translations, shows a bad goal at its field, sets a priority, and saves it all', async () => {
    await page.goto(`${server.url}/journeys/settings-test`)
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const screen = page.getByRole('main', { name: 'Journey settings' })
    await screen.waitFor()
    expect(await screen.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Settings test')

    // German: each template that lacks it is listed, with a link that opens it.
    await screen.getByRole('combobox', { name: 'Language code' }).fill('de')
    await screen.getByRole('button', { name: 'Add language' }).click()
    await screen.getByRole('button', { name: 'Remove German' }).waitFor()
    const missing = screen.getByRole('note', { name: '3 templates lack a translation' })
    await missing.waitFor()
    for (const name of ['Friendly first reminder', 'SMS with payment link', 'Polite reminder letter']) {
      await missing.getByRole('button', { name: `Open template ${name}` }).waitFor()
    }
    expect(await missing.innerText()).toContain('missing: de')
    // A language already there, or no language tag at all, is refused where it is typed.
    await screen.getByRole('combobox', { name: 'Language code' }).fill('de')
    await screen.getByText('de is already among the languages.').waitFor()
    expect(await screen.getByRole('button', { name: 'Add language' }).isDisabled()).toBe(true)
    await screen.getByRole('combobox', { name: 'Language code' }).fill('')
    await shot('languages')

    await missing.getByRole('button', { name: 'Open template SMS with payment link' }).click()
    await page.locator('.template-item[aria-current="true"]', { hasText: 'SMS with payment link' }).waitFor()
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await screen.waitFor()

    // A goal that is not a condition: said under the field, and the field is marked invalid.
    const goal = screen.locator('.cel-editor')
    await goal.locator('.monaco-editor').waitFor()
    const goalInput = screen.getByRole('textbox', { name: 'Ends as paid when', exact: true })
    await goalInput.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('case.balanse <= 0.0')
    await page.keyboard.press('Escape')
    const goalMessages = screen.locator('#setting-settings-goal-messages .field__error')
    await goalMessages.filter({ hasText: 'case.balanse' }).waitFor()
    expect(await goalInput.getAttribute('aria-invalid')).toBe('true')
    await goal.locator('.squiggly-error').waitFor()
    await goalInput.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await shot('goal-error')
    // The toolbar counts it as an error: nothing with a bad goal is published.
    await page.getByRole('button', { name: /^Problems: 1 error,/ }).waitFor()
    await goalInput.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('case.balance <= 0.0')
    await page.keyboard.press('Escape')
    await expect.poll(() => goalMessages.count()).toBe(0)
    await page.getByRole('button', { name: /^Problems: 0 errors,/ }).waitFor()

    // A priority: rank 1 of the default group, the rank's range checked by the validator at the field.
    await screen.getByRole('checkbox', { name: 'This journey excludes others of its group' }).check()
    const rank = screen.getByRole('spinbutton', { name: 'Rank' })
    await rank.fill('0')
    await screen.locator('#setting-settings-priority-rank-messages .field__error', { hasText: 'must be at least 1' }).waitFor()
    await rank.fill('1')
    await expect.poll(() => screen.locator('#setting-settings-priority-rank-messages .field__error').count()).toBe(0)
    await screen.getByRole('combobox', { name: 'When a journey that comes first takes the case' }).selectOption('end')
    await screen.getByRole('checkbox', { name: 'Contact only within these hours (the debtor’s local time)' }).check()
    await screen.getByLabel('Until').fill('17:30')
    await screen.getByRole('group', { name: 'Days' }).getByRole('button', { name: 'Sun' }).click()
    // Beside them the server's policy, read from GET /api/policy: the widest hours, those of Regulation F, the caps.
    const policy = screen.getByRole('note', { name: 'Contact hours' })
    await policy.getByText('debtors are contacted Mon–Sat 08:00–20:00, not on public holidays, in their local time', { exact: false }).waitFor()
    await policy.getByText('Regulation F (US): Mon–Sat 08:00–21:00 at the widest').waitFor()
    await policy.getByText('Across all journeys, per debtor: at most 1 message in 1 day; at most 7 calls in 7 days.').waitFor()
    // Hours reaching beyond the policy are pointed out: the policy wins there.
    const beyond = policy.getByText('These hours reach beyond the server’s policy: there, the policy wins.')
    expect(await beyond.count()).toBe(0)
    await screen.getByLabel('From').fill('07:00')
    await beyond.waitFor()
    await screen.getByLabel('From').fill('09:00')
    await expect.poll(() => beyond.count()).toBe(0)
    await screen.getByRole('heading', { name: 'Contact hours' }).evaluate((element) => element.scrollIntoView({ block: 'start' }))
    await shot('contact-hours')
    await screen.getByRole('button', { name: 'Add stop rule' }).click()
    const rule = screen.getByRole('listitem', { name: 'Stop rule 1' })
    await rule.waitFor()
    // A misspelt event would stop nothing: the validator's warning stands under it, naming the closest known event.
    const event = rule.getByRole('combobox', { name: 'Event' })
    await event.fill('dispute.opend')
    await rule.locator('.field__warning', { hasText: '"dispute.opend" is not a known event type; did you mean dispute.opened?' }).waitFor()
    await event.fill('dispute.opened')
    await expect.poll(() => rule.locator('.field__warning').count()).toBe(0)
    await rank.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await shot('priority')

    // Undo takes back one change at a time: the event typed (one visit to the field), then the stop rule.
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => event.inputValue()).toBe('dispute.opened')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => screen.getByRole('listitem', { name: 'Stop rule 1' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Redo' }).click()
    await screen.getByRole('listitem', { name: 'Stop rule 1' }).waitFor()

    // Promises and plans: messages pause while one is active unless the journey says otherwise, and only that is written.
    const pause = screen.getByRole('checkbox', { name: 'Pause this journey’s messages while a promise to pay or an instalment plan is active' })
    expect(await pause.isChecked()).toBe(true)
    await pause.uncheck()
    // Grace days beyond the schema's range are an error at the field; the default typed again is not written.
    const grace = screen.getByRole('spinbutton', { name: 'Grace days after a due date' })
    expect(await grace.getAttribute('placeholder')).toBe('3')
    await grace.fill('99')
    const graceMessages = screen.locator(`[id="${await grace.getAttribute('id')}-messages"]`)
    await graceMessages.locator('.field__error', { hasText: 'must be at most 60' }).waitFor()
    await grace.fill('5')
    await expect.poll(() => graceMessages.locator('.field__error').count()).toBe(0)
    const misses = screen.getByRole('spinbutton', { name: 'Missed instalments that break a plan' })
    await misses.fill('2')
    // The default typed out stays in the field, and is not written.
    await misses.fill('1')
    expect(await misses.inputValue()).toBe('1')
    await pause.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await screen.getByText('Turn it off for a journey that sends reminders about the plan itself.', { exact: false }).waitFor()
    await shot('promises')

    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByRole('button', { name: 'Saved' }).waitFor()
    const stored = (await editor.api<{ document: { settings: unknown } }>('GET', '/api/journeys/settings-test')).document
    expect(stored.settings).toEqual({
      locales: ['en', 'de'],
      defaultLocale: 'en',
      goal: 'case.balance <= 0.0',
      priority: { rank: 1, whenOutranked: 'end' },
      contactHours: { start: '09:00', end: '17:30', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
      stopOn: [{ event: 'dispute.opened', outcome: 'disputed' }],
      promises: { pauseContact: false, graceDays: 5 },
    })

    // The JSON view shows the same document.
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    const json = page.getByRole('main', { name: 'Journey document as JSON' })
    await json.waitFor()
    await json.locator('.view-line', { hasText: '"whenOutranked": "end"' }).waitFor()
    // A deadline for a long walk through the screen on a busy machine, not a wait.
  }, 60_000)

  it('says in the publish dialog what happens to a case that enters other journeys on the same event', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('button', { name: 'Publish' }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish version 1' })
    const warning = dialog.getByRole('note', { name: 'Cases that receive invoice.overdue also enter other running journeys:' })
    await warning.waitFor()
    // The examples have no priority: both run, and the cap across journeys holds back the later messages.
    await warning
      .getByRole('listitem')
      .filter({
        hasText:
          '“Settings test” and “Friendly reminder for forgetful payers” do not exclude each other (“Friendly reminder for forgetful payers” has no priority): the case is in both.',
      })
      .waitFor()
    // One item per example journey published on the same event.
    expect(await warning.getByRole('listitem').count()).toBe(4)
    await warning
      .getByText(
        'Where a case is in several journeys, the policy’s cap across all journeys (by default at most one message a day per debtor, calls aside) holds back the later messages.',
      )
      .waitFor()
    await shot('publish-overlap')
    await dialog.getByRole('button', { name: 'Publish v1' }).click()
    await expect.poll(async () => (await editor.api<{ latestVersion: number | null }>('GET', '/api/journeys/settings-test')).latestVersion).toBe(1)

    // Another journey on the same event, given a priority of its own in the same group: the one of rank 1 starts.
    await page.goto(`${server.url}/journeys/friendly-reminder`)
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('checkbox', { name: 'This journey excludes others of its group' }).check()
    await page.getByRole('spinbutton', { name: 'Rank' }).fill('5')
    await page.getByRole('button', { name: 'Publish' }).click()
    const next = page.getByRole('dialog', { name: 'Publish version 2' })
    await next
      .getByRole('listitem')
      .filter({
        hasText:
          'In the group “dunning”, “Settings test” (rank 1) comes before “Friendly reminder for forgetful payers” (rank 5): a case that gets the event enters “Settings test” only, and “Friendly reminder for forgetful payers” does not start for it. A case already in “Friendly reminder for forgetful payers” when “Settings test” starts pauses there and resumes when “Settings test” has ended.',
      })
      .waitFor()
    await shot('publish-ranked')
    await next.getByRole('button', { name: 'Cancel' }).click()
    // Nothing of this is kept for the German test: the example stays as it was published.
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByRole('button', { name: 'Undo' }).click()
  }, 60_000)

  it('opens on the field a problem in the panel is about, each time it is chosen', async () => {
    const broken = { ...englishOnly(), id: 'settings-problems' }
    broken.settings = { ...broken.settings, goal: 'case.balanse <= 0.0', stopOn: [{ event: 'dispute.opend' }] }
    await editor.api('PUT', '/api/journeys/settings-problems/draft', broken)
    await page.goto(`${server.url}/journeys/settings-problems`)
    await page.locator('.react-flow__node').first().waitFor()
    const problems = page.getByRole('complementary', { name: 'Problems' })
    const focused = () => page.evaluate<string | undefined>('document.activeElement?.id')
    await problems.getByRole('button', { name: /settings\.goal/ }).click()
    await page.getByRole('main', { name: 'Journey settings' }).waitFor()
    await expect.poll(focused).toBe('setting-settings-goal')
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node').first().waitFor()
    await problems.getByRole('button', { name: /settings\.stopOn\[0\]\.event/ }).click()
    await expect.poll(focused).toBe('setting-settings-stopOn-0-event')
    await shot('problem-focused')
    // The same problem again, after leaving for the canvas: the screen opens on it again.
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node').first().waitFor()
    await problems.getByRole('button', { name: /settings\.stopOn\[0\]\.event/ }).click()
    await expect.poll(focused).toBe('setting-settings-stopOn-0-event')
  })

  it('speaks German to a browser that asks for German', async () => {
    const german = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    try {
      await german.goto(`${server.url}/journeys/settings-test`)
      await german.locator('.react-flow__node').first().waitFor()
      await german.getByRole('button', { name: 'Settings', exact: true }).click()
      const screen = german.getByRole('main', { name: 'Einstellungen der Journey' })
      await screen.getByRole('checkbox', { name: 'Diese Journey schließt andere ihrer Gruppe aus' }).waitFor()
      expect(await screen.getByRole('combobox', { name: 'Standardsprache' }).inputValue()).toBe('en')
      await screen.getByRole('spinbutton', { name: 'Rang' }).evaluate((element) => element.scrollIntoView({ block: 'center' }))
      await german.screenshot({ path: join(root, 'test-results/editor/settings-german.png') })
    } finally {
      await german.close()
    }
  })
})
