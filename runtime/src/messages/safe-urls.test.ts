import { readFileSync } from 'node:fs'
import { journeySchema, type Journey } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { createMessageRenderer } from './index'
import { neutraliseUnsafeUrls, schemeOf } from './safe-urls'

const example = journeySchema.parse(JSON.parse(readFileSync(new URL('../../../examples/friendly-reminder/journey.json', import.meta.url), 'utf8')))

function journeyWith(templates: Journey['templates']): Journey {
  return { ...example, id: 'links', nodes: [], edges: [], templates }
}

const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1])

describe('links in rendered messages', () => {
  it('neutralises a javascript: URL from a case attribute in an email’s button and link', async () => {
    const render = createMessageRenderer()
    const journey = journeyWith({
      mail: {
        channel: 'email',
        subject: { en: 'Your invoice' },
        body: {
          en: '<mjml><mj-body><mj-section><mj-column><mj-button href="{{ case.attributes.portal }}">Open</mj-button><mj-text><a href="{{ debtor.attributes.site }}">site</a> <a href="{{ links.pay }}">pay</a> <a href="mailto:help@acme.example">mail</a> <a href="tel:+4930123">call</a></mj-text></mj-column></mj-section></mj-body></mjml>',
        },
      },
    })
    const message = await render({
      journeyKey: 'links@1',
      journey,
      templateId: 'mail',
      locale: 'en',
      variables: {
        case: { balance: 10, currency: 'EUR', dueDate: '2026-11-01', attributes: { portal: 'javascript:alert(document.cookie)' } },
        debtor: { firstName: 'Ada', attributes: { site: ' JaVaScRiPt:alert(1)' } },
        links: { pay: 'https://pay.example/pay/abc', optout: 'https://pay.example/optout/abc' },
        sender: { name: 'Acme' },
      },
    })
    expect(message.html).not.toMatch(/javascript:/i)
    expect(hrefs(message.html!)).toEqual(['#', '#', 'https://pay.example/pay/abc', 'mailto:help@acme.example', 'tel:+4930123'])
  })

  it('reads the scheme as a browser does: entities, case, tabs and leading controls', () => {
    expect(schemeOf('jav&#x09;ascript:alert(1)')).toBe('javascript')
    expect(schemeOf('&#106;avascript:alert(1)')).toBe('javascript')
    expect(schemeOf('\u0001 javascript:x')).toBe('javascript')
    expect(schemeOf('java\nscript:x')).toBe('javascript')
    expect(schemeOf('/relative/path')).toBeUndefined()
    expect(schemeOf('HTTPS://acme.example')).toBe('https')
  })

  it('keeps http(s), mailto, tel and relative links, and images only from http(s) or cid', () => {
    const html =
      '<a href="https://a.example">a</a><a href=\'http://b.example\'>b</a><a href=mailto:x@y.example>m</a><a href="/x">r</a>' +
      '<a href="jav&#x09;ascript:alert(1)">j</a><a href="data:text/html,<b>x</b>">d</a><a href="vbscript:x">v</a>' +
      '<img src="cid:logo"><img src="https://a.example/i.png"><img src="javascript:x"><img src="data:image/svg+xml,x">' +
      '<form action="javascript:x"></form><td background="javascript:x"></td><p data-href="javascript:x">text href="javascript:x"</p>'
    expect(neutraliseUnsafeUrls(html)).toBe(
      '<a href="https://a.example">a</a><a href=\'http://b.example\'>b</a><a href=mailto:x@y.example>m</a><a href="/x">r</a>' +
        '<a href="#">j</a><a href="#">d</a><a href="#">v</a>' +
        '<img src="cid:logo"><img src="https://a.example/i.png"><img src="#"><img src="#">' +
        '<form action="#"></form><td background="#"></td><p data-href="javascript:x">text href="#"</p>',
    )
  })
})
