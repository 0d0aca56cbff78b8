import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HtmlValidate } from 'html-validate'
import { afterEach, describe, expect, it } from 'vitest'
import { createLinks, createSmtpAdapter } from '../channels'
import { startSmtpServer } from '../channels/testing/local-servers'
import { caseInput, emailTemplate, enrol, journey, startEngine } from '../engine/testing'
import { startServer } from '../http/server'
import { parseRawEmail } from '../testing/raw-email'

const linkSecret = 'link-secret-0123456789abcdef'

const reminder = journey({
  id: 'zweisprachig',
  nodes: { start: ['entry', { event: 'invoice.overdue' }], mail: ['email', { template: 'mail' }], done: ['exit', { outcome: 'done' }] },
  edges: ['start>mail', 'mail>done'],
  settings: { locales: ['en', 'de'], defaultLocale: 'en' },
  templates: {
    mail: emailTemplate(
      {
        en: 'Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open.',
        de: 'Hallo {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} sind offen.',
      },
      { en: 'Your invoice & reminder', de: 'Ihre Rechnung & Erinnerung, {{ debtor.firstName | default: "there" }}' },
    ),
  },
})

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** One email through a real SMTP server, with the links of `publicUrl`. */
async function sendOne(publicUrl: string, locale: string) {
  const smtp = await startSmtpServer()
  const links = createLinks({ publicUrl, secret: linkSecret })
  const email = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'billing@acme.test', listUnsubscribe: (m) => links(m.caseId, m.channel).optout })
  cleanup.push(smtp.close, () => email.close())
  const t = await startEngine({ channels: { email }, links })
  await enrol(t, reminder, [caseInput('INV-1', { debtor: { locale } })])
  expect(smtp.mails).toHaveLength(1)
  const mail = parseRawEmail(smtp.mails[0]!.raw)
  const html = mail.parts.find((part) => part.headers.get('content-type')?.startsWith('text/html'))!.body
  return { mail, html }
}

describe('emails say which language they are in', () => {
  it('a German email received over SMTP has lang="de", its subject as <title>, and the opt-out line in German', async () => {
    const { mail, html } = await sendOne('https://pay.acme.test', 'de-DE')
    expect(html).toMatch(/<html lang="de"[\s>]/)
    expect(html).not.toContain('lang="und"')
    expect(html).toContain('<title>Ihre Rechnung &amp; Erinnerung, Anna</title>')
    expect(html).toContain('melden Sie sich hier ab')
    // RFC 8058 one-click: HTTPS when the public URL is.
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/pay\.acme\.test\/optout\/[\w-]+>$/)
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')

    // MJML's output is email HTML (tables, presentational attributes); the rules that judge structure still hold.
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'no-deprecated-attr': 'off', 'attribute-allowed-values': 'off', 'element-permitted-content': 'off' },
    })
    const report = await validator.validateString(html)
    const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))
    expect(problems.filter((p) => /missing-doctype|element-required-content|no-dup|close-order|unclosed|title/.test(p))).toEqual([])
  })

  it('an English debtor gets lang="en"; a locale the journey lacks falls back to its default locale', async () => {
    expect((await sendOne('https://pay.acme.test', 'en-GB')).html).toMatch(/<html lang="en"[\s>]/)
    const fr = await sendOne('https://pay.acme.test', 'fr-FR')
    expect(fr.html).toMatch(/<html lang="en"[\s>]/)
    expect(fr.html).toContain('<title>Your invoice &amp; reminder</title>')
  })

  it('the List-Unsubscribe URL is plain HTTP only when the public URL is', async () => {
    const { mail } = await sendOne('http://pay.acme.test', 'de')
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/pay\.acme\.test\/optout\/[\w-]+>$/)
  })
})

describe('the server at start', () => {
  async function startWith(env: Record<string, string>) {
    const folder = mkdtempSync(join(tmpdir(), 'dunwell-public-url-'))
    const lines: string[] = []
    const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open: true, env, log: (line) => lines.push(line) })
    cleanup.push(
      () => rmSync(folder, { recursive: true, force: true }),
      () => server.close(),
    )
    return lines
  }

  it('warns when the public URL is plain HTTP on another host, and says what to do', async () => {
    const lines = await startWith({ DUNWELL_PUBLIC_URL: 'http://pay.acme.test' })
    const warning = lines.find((line) => line.startsWith('Warning: the public URL'))
    expect(warning).toContain('http://pay.acme.test')
    expect(warning).toContain('DUNWELL_PUBLIC_URL=https://')
  })

  it('is quiet for an HTTPS public URL and for this machine', async () => {
    for (const url of ['https://pay.acme.test', 'http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect(
        (await startWith({ DUNWELL_PUBLIC_URL: url })).filter((line) => line.includes('Warning')),
        url,
      ).toEqual([])
    }
    expect((await startWith({})).filter((line) => line.includes('Warning'))).toEqual([])
  })
})
