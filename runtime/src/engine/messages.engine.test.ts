import { describe, expect, it } from 'vitest'
import { caseInput, days, emailTemplate, enrol, journey, messages, MONDAY, startEngine, textTemplate } from './testing'

/** The policy allows one message a day: the text after the email goes out a day later. */
const nextDay = (t: Awaited<ReturnType<typeof startEngine>>) => t.engine.advanceTo(MONDAY.getTime() + days(2))

/** entry → email → sms → exit, in English and German (English by default). */
const bilingual = (id = 'bilingual') =>
  journey({
    id,
    settings: { locales: ['en', 'de'], defaultLocale: 'en' },
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      mail: ['email', { template: 'mail' }],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>mail', 'mail>text', 'text>done'],
    templates: {
      mail: emailTemplate(
        {
          en: 'Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open.',
          de: 'Hallo {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} sind offen.',
        },
        { en: 'Reminder for {{ debtor.firstName | default: "there" }}', de: 'Erinnerung für {{ debtor.firstName | default: "there" }}' },
      ),
      text: textTemplate('sms', { en: 'Pay here: {{ links.pay }}', de: 'Hier zahlen: {{ links.pay }}' }),
    },
  })

describe('the debtor’s language', () => {
  it('de-AT falls back to de; fr, which the journey lacks, to the default locale; every message records its locale', async () => {
    const t = await startEngine()
    await enrol(t, bilingual(), [
      caseInput('vienna', { debtor: { locale: 'de-AT', firstName: 'Lena' } }),
      caseInput('paris', { debtor: { locale: 'fr', firstName: 'Chloé' } }),
      caseInput('unknown', { without: ['locale'], debtor: { firstName: 'Sam' } }),
    ])
    await nextDay(t)
    const [viennaMail, viennaText] = await messages(t, 'vienna')
    expect(viennaMail).toMatchObject({ locale: 'de', subject: 'Erinnerung für Lena' })
    // The template has no opt-out: the runtime adds one, in the debtor's language (Regulation F §1006.6(e)).
    expect(viennaMail!.text).toMatch(
      /^Hallo Lena, 100,00\s€ sind offen\.\n\nWenn Sie von uns keine E-Mails mehr an diese Adresse erhalten möchten, melden Sie sich hier ab: https:\/\/pay\.example\.com\/optout\/vienna$/,
    )
    expect(viennaText).toMatchObject({ locale: 'de', text: 'Hier zahlen: https://pay.example.com/c/vienna Antworten Sie STOPP zum Abmelden.' })

    const [parisMail, parisText] = await messages(t, 'paris')
    expect(parisMail).toMatchObject({
      locale: 'en',
      subject: 'Reminder for Chloé',
      text: expect.stringMatching(/^Hello Chloé, €100.00 is open.\n\nTo stop receiving emails from us/),
    })
    expect(parisText).toMatchObject({ locale: 'en' })

    expect((await messages(t, 'unknown')).map((m) => m.locale)).toEqual(['en', 'en'])
  })
})

describe('fonts', () => {
  it('sent emails load no remote fonts: no Google Fonts, the system font stack unless the template sets its own', async () => {
    const own = journey({
      id: 'own-font',
      nodes: { start: ['entry', { event: 'invoice.overdue' }], mail: ['email', { template: 'mail' }], done: ['exit', { outcome: 'done' }] },
      edges: ['start>mail', 'mail>done'],
      templates: {
        mail: {
          ...emailTemplate('unused'),
          body: {
            en: '<mjml><mj-head><mj-attributes><mj-all font-family="Georgia, serif" /></mj-attributes></mj-head><mj-body><mj-section><mj-column><mj-text>Hello</mj-text></mj-column></mj-section></mj-body></mjml>',
          },
        },
      },
    })
    // Each journey in its own engine: both start on invoice.overdue.
    const first = await startEngine()
    await enrol(first, bilingual(), [caseInput('c-1')])
    const second = await startEngine()
    await enrol(second, own, [caseInput('c-2')])
    const [system] = await messages(first, 'c-1')
    const [georgia] = await messages(second, 'c-2')
    for (const message of [system!, georgia!]) {
      expect(message.html).not.toContain('fonts.googleapis.com')
      expect(message.html).not.toMatch(/@import|<link[^>]+font/i)
    }
    expect(system!.html).toContain("font-family:-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif")
    expect(system!.html).not.toContain('Ubuntu')
    expect(georgia!.html).toContain('font-family:Georgia, serif')
  })
})

describe('escaping', () => {
  it("a debtor's first name with HTML arrives escaped in the email HTML, and as written in the plain-text part", async () => {
    const t = await startEngine()
    const name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    await enrol(t, bilingual(), [caseInput('c-1', { debtor: { firstName: name } })])
    const [mail] = await messages(t, 'c-1')
    expect(mail!.html).toContain('Hello &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(mail!.html).not.toContain('<script>alert')
    expect(mail!.html).not.toContain('<img src=x')
    expect(mail!.text).toContain(`Hello ${name}`)
    // A subject is one line of text, not HTML.
    expect(mail!.subject).toBe(`Reminder for ${name}`)
  })

  it('a name with a line break cannot add a header line to the subject', async () => {
    const t = await startEngine()
    await enrol(t, bilingual(), [caseInput('c-1', { debtor: { firstName: 'Anna\r\nBcc: all@example.org' } })])
    const [mail] = await messages(t, 'c-1')
    expect(mail!.subject).toBe('Reminder for Anna Bcc: all@example.org')
  })
})

describe('links and sender', () => {
  it('messages link to the payment page the embedding service provides', async () => {
    const t = await startEngine({ links: (caseId, channel) => ({ pay: `https://acme.test/pay/${caseId}?via=${channel}` }) })
    await enrol(t, bilingual(), [caseInput('c-1')])
    await nextDay(t)
    const sms = (await messages(t, 'c-1')).find((m) => m.channel === 'sms')
    expect(sms!.text).toBe('Pay here: https://acme.test/pay/c-1?via=sms')
  })
})

describe('journey versions and renderer caches', () => {
  it('two databases in one process with the same journey id and version each send their own text', async () => {
    // E.g. a simulation (throwaway database, version 1) running inside the server next to production (also at version 1).
    const production = await startEngine()
    const simulation = await startEngine()
    const text = (body: string) =>
      journey({
        id: 'same-id',
        nodes: {
          start: ['entry', { event: 'invoice.overdue' }],
          mail: ['email', { template: 'mail' }],
          text: ['sms', { template: 'text' }],
          done: ['exit', { outcome: 'done' }],
        },
        edges: ['start>mail', 'mail>text', 'text>done'],
        templates: { mail: emailTemplate(body), text: textTemplate('sms', body) },
      })
    await enrol(production, text('Live text'), [caseInput('c-1')])
    await enrol(simulation, text('Draft text'), [caseInput('c-1')])
    await nextDay(production)
    await nextDay(simulation)
    const firstLine = (m: { text: string | null }) => m.text?.split('\n')[0]
    expect((await messages(production, 'c-1')).map(firstLine)).toEqual(['Live text', 'Live text Reply STOP to opt out.'])
    expect((await messages(simulation, 'c-1')).map(firstLine)).toEqual(['Draft text', 'Draft text Reply STOP to opt out.'])
  })

  it('a new version changes the texts of cases enrolled after it, not of those on the old version', async () => {
    const t = await startEngine()
    const versioned = (body: string) =>
      journey({
        id: 'versioned',
        nodes: {
          start: ['entry', { event: 'invoice.overdue' }],
          pause: ['wait', { for: 'P1D' }],
          text: ['sms', { template: 'text' }],
          done: ['exit', { outcome: 'done' }],
        },
        edges: ['start>pause', 'pause>text', 'text>done'],
        templates: { text: textTemplate('sms', body) },
      })
    await enrol(t, versioned('Version one'), [caseInput('early')])
    await enrol(t, versioned('Version two'), [caseInput('late')])
    await t.engine.advanceTo(t.clock.now() + 2 * 86_400_000)
    expect((await messages(t, 'early')).map((m) => `${m.version}: ${m.text}`)).toEqual(['1: Version one Reply STOP to opt out.'])
    expect((await messages(t, 'late')).map((m) => `${m.version}: ${m.text}`)).toEqual(['2: Version two Reply STOP to opt out.'])
  })
})

describe('a virtual clock moved past a message', () => {
  it('records each message at the moment it was queued, even when one advance takes the event and the next day’s step', async () => {
    const t = await startEngine()
    // A first case renders the templates once: the next batch is quick enough not to be cut by its time budget.
    await enrol(t, bilingual(), [caseInput('warm')])
    await t.engine.upsertCases([caseInput('anna')])
    // The event is not run before the clock moves: one advance handles it and the text a day later.
    await t.engine.ingest([{ id: 'overdue-anna', type: 'invoice.overdue', caseId: 'anna', at: MONDAY.toISOString() }])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    const sent = (await messages(t, 'anna')).map((m) => [m.channel, m.status, new Date(m.sent_at!).toISOString()])
    expect(sent).toEqual([
      ['email', 'recorded', MONDAY.toISOString()],
      ['sms', 'recorded', new Date(MONDAY.getTime() + days(1)).toISOString()],
    ])
  })
})
