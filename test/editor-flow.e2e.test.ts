// A collections manager's whole first journey, in a real browser against a real server with a real SMTP server on
// the other side: drawn from scratch, fixed, published, and its email received for a case enrolled over the API.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { decodeHeader, parseRawEmail, partOf } from '@dunwell/runtime/testing'
import { artifacts, openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'
import { startSmtp, type Smtp } from './support/smtp'

const NAME = 'Gentle nudge for large invoices'
const ID = 'gentle-nudge-for-large-invoices'

let smtp: Smtp
let editor: EditorInBrowser
let page: Page
const shot = (name: string) => editor.shot(name)

const api = <T>(method: string, path: string, body?: unknown) => editor.api<T>(method, path, body)

const nodes = () => page.locator('.react-flow__node')
const problems = () => page.getByRole('button', { name: /^Problems: / })

beforeAll(async () => {
  smtp = await startSmtp()
  editor = await openEditorInBrowser('flow', {
    env: { DUNWELL_SMTP_HOST: '127.0.0.1', DUNWELL_SMTP_PORT: String(smtp.port), DUNWELL_SMTP_FROM: 'reminders@example.com' },
  })
  page = editor.page
}, 60_000)

// A failed step leaves a picture of what the browser showed.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(artifacts, `flow-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) })
})

afterAll(async () => {
  await editor?.close()
  await smtp?.close()
})

describe('a first journey, from an empty canvas to an email received', () => {
  it('creates a journey and splices an email step into its only edge by drag and drop', async () => {
    await page.goto(editor.server.url)
    await page.getByRole('button', { name: 'New journey' }).click()
    const form = page.getByRole('form', { name: 'New journey' })
    await form.getByRole('textbox', { name: 'Name' }).fill(NAME)
    await form.getByRole('button', { name: 'Create and open' }).click()
    await page.waitForURL(`**/journeys/${ID}`)
    await expect.poll(() => nodes().count()).toBe(2)
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()

    // Dropped on the arrow from entry to exit, the step lands between them.
    const canvas = page.getByLabel('Journey canvas')
    const edge = await page.locator('.react-flow__edge[data-id="e-entry"]').boundingBox()
    const area = await canvas.boundingBox()
    if (!edge || !area) throw new Error('the canvas or its edge is not on screen')
    await page
      .getByRole('button', { name: /^Add Email:/ })
      .dragTo(canvas, { targetPosition: { x: edge.x + edge.width / 2 - area.x, y: edge.y + edge.height / 2 - area.y } })
    await expect.poll(() => nodes().count()).toBe(3)
    const edges = await page.locator('.react-flow__edge').evaluateAll((found) => found.map((element) => element.getAttribute('aria-label')))
    // Each arrow is named in words: from which step (and outcome) to which.
    expect(edges.sort()).toEqual(['From Email email-1 (sent) to Exit exit', 'From Entry entry (next) to Email email-1'])
    await shot('email-spliced')
  })

  it('shows the step without a template as an error on the canvas, and the fix clears it', async () => {
    // The new email step has no template: an error on the step, and Publish waits.
    const email = page.locator('.react-flow__node[data-id="email-1"]')
    await expect.poll(async () => (await problems().getAttribute('aria-label')) ?? '').toMatch(/^Problems: [1-9]\d* errors?/)
    await expect.poll(() => email.locator('.jnode__problem--error').count()).toBeGreaterThan(0)
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true)
    await problems().click()
    await page
      .getByRole('complementary', { name: /Problems/ })
      .getByText(/template/i)
      .first()
      .waitFor()
    await shot('error-shown')

    // The fix: a template, written in the templates view…
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    const form = page.getByRole('form', { name: 'New template' })
    await form.getByLabel('Id').fill('nudge')
    await form.getByLabel('Channel').selectOption('email')
    await form.getByRole('button', { name: 'Add template' }).click()
    const subject = page.getByLabel('Subject (en)')
    await subject.fill('Your invoice is still open, {{ debtor.firstName | default: "there" }}')
    await subject.blur()
    const body = page.getByRole('textbox', { name: 'Body of template nudge in en' })
    await body.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await page.keyboard.insertText(
      '<mjml><mj-body><mj-section><mj-column><mj-text>Dear {{ debtor.firstName | default: "there" }}, a gentle nudge: {{ case.balance | money }} is still open.</mj-text><mj-button href="{{ links.pay }}">Pay now</mj-button></mj-column></mj-section></mj-body></mjml>',
    )
    await page.getByLabel('Subject (en)').focus()
    await page
      .frameLocator('iframe')
      .first()
      .getByText(/a gentle nudge/)
      .waitFor({ timeout: 15_000 })
    await shot('template-written')

    // …and chosen for the step in the inspector.
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node[data-id="email-1"]').click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    await inspector.getByLabel('Template', { exact: true }).selectOption('nudge')
    await expect.poll(() => email.locator('.jnode__problem--error').count()).toBe(0)
  })

  it('fills the entry condition with the builder, without writing an expression', async () => {
    await page.locator('.react-flow__node[data-id="entry"]').click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    await inspector
      .getByRole('button', { name: /^Build .* from a field, an operator and a value$/ })
      .first()
      .click()
    await inspector.getByRole('combobox', { name: 'Field' }).selectOption({ label: 'Amount due' })
    await inspector.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'at least' })
    await inspector.getByRole('textbox', { name: 'Value', exact: true }).fill('500')
    await inspector.getByRole('button', { name: 'Use condition' }).click()
    await page.locator('.react-flow__node[data-id="entry"]', { hasText: 'case.amountDue >= 500' }).waitFor()
    await page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }).waitFor()
    await shot('condition')
  })

  it('publishes, and a case enrolled over the API gets the email at the SMTP server once the clock moves on', async () => {
    await page.getByRole('button', { name: 'Publish' }).click()
    // Publishing asks for a note: why this version.
    const dialog = page.getByRole('dialog', { name: 'Publish version 1' })
    // The example journeys start on the same event: the dialog says a debtor could be in both.
    await dialog.getByRole('note').filter({ hasText: '“Friendly reminder for forgetful payers”' }).filter({ hasText: 'invoice.overdue' }).waitFor()
    await dialog.getByLabel('Note').fill('First version: one gentle email for invoices of 500 or more')
    await dialog.getByRole('button', { name: 'Publish v1' }).click()
    await expect.poll(async () => (await api<{ latestVersion: number | null }>('GET', `/api/journeys/${ID}`)).latestVersion).toBe(1)
    await shot('published')

    const small = {
      debtor: { firstName: 'Ben', email: 'ben@example.com', locale: 'en', timezone: 'Europe/London', country: 'GB' },
      amountDue: 120,
      currency: 'EUR',
      dueDate: '2026-11-01',
    }
    await api('PUT', '/api/cases/flow-ben', small)
    await api('PUT', '/api/cases/flow-ada', { ...small, debtor: { ...small.debtor, firstName: 'Ada', email: 'ada@example.com' }, amountDue: 900 })
    await api('POST', '/api/cases/flow-ben/enrol', { journeyId: ID })
    await api('POST', '/api/cases/flow-ada/enrol', { journeyId: ID })
    await api('POST', '/api/test/clock', { advanceTo: '2026-11-23T09:05:00Z' })

    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1)
    const mail = smtp.mails[0]!
    // Only Ada's case meets the entry condition (900 ≥ 500; Ben owes 120).
    expect(mail.to).toEqual(['ada@example.com'])
    const parsed = parseRawEmail(mail.raw)
    expect(decodeHeader(parsed.headers.get('subject') ?? '')).toBe('Your invoice is still open, Ada')
    expect(partOf(parsed, 'text/html')?.body).toContain('Dear Ada, a gentle nudge: €900.00 is still open.')
    const outbox = await api<{ caseId: string; status: string; template: string }[]>('GET', '/api/messages?caseId=flow-ada')
    expect(outbox).toMatchObject([{ caseId: 'flow-ada', status: 'sent', template: 'nudge' }])
    expect(await api<unknown[]>('GET', '/api/messages?caseId=flow-ben')).toEqual([])
  })

  it('connects an outcome from the inspector, without dragging a handle', async () => {
    await page.locator('.react-flow__node[data-id="email-1"]').click()
    const inspector = page.getByRole('complementary', { name: /^Inspector: / })
    const arrow = page.locator('.react-flow__edge[aria-label="From Email email-1 (failed) to Exit exit"]')
    expect(await arrow.count()).toBe(0)
    await inspector.getByRole('combobox', { name: 'When sent' }).focus()
    expect(await inspector.getByRole('combobox', { name: 'When sent' }).inputValue()).toBe('exit')
    await inspector.getByRole('combobox', { name: /^When failed/ }).selectOption('exit')
    await arrow.waitFor()
    await shot('outcome-from-inspector')
    await inspector.getByRole('combobox', { name: /^When failed/ }).selectOption('')
    await expect.poll(() => arrow.count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('copies a step from an example journey and pastes it into this one, with its template', async () => {
    await page.goto(editor.server.url)
    await page
      .getByRole('button', { name: /^Open Friendly reminder/ })
      .or(page.getByRole('link', { name: /^Open Friendly reminder/ }))
      .first()
      .click()
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).click()
    await page.keyboard.press('Control+c')
    await page.goto(`${editor.server.url}/journeys/${ID}`)
    await expect.poll(() => nodes().count()).toBe(3)
    await page.getByLabel('Journey canvas').hover({ position: { x: 600, y: 500 } })
    await page.keyboard.press('Control+v')
    await expect.poll(() => nodes().count()).toBe(4)
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).waitFor()
    // The letter's template came along: the templates view lists it.
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    await page
      .getByRole('navigation', { name: 'Templates' })
      .getByRole('button', { name: /^Polite reminder letter, Letter/ })
      .waitFor()
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await shot('pasted')
    // Undo takes the paste back as one step: the node and its template.
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => nodes().count()).toBe(3)
  })
})
