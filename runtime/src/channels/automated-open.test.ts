import { describe, expect, it } from 'vitest'
import { isAutomatedOpen } from './automated-open'

const phone = 'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'
const headers = (entries: Record<string, string>) => new Headers(entries)

describe('isAutomatedOpen', () => {
  it('takes a phone browser’s GET for a person', () => {
    expect(isAutomatedOpen('GET', headers({ 'user-agent': phone }))).toBe(false)
    expect(isAutomatedOpen('GET', headers({ 'user-agent': iphone, 'sec-purpose': '' }))).toBe(false)
    expect(isAutomatedOpen('GET', headers({}))).toBe(false)
  })

  it('takes HEAD, prefetch, prerender and previews for machines', () => {
    expect(isAutomatedOpen('HEAD', headers({ 'user-agent': phone }))).toBe(true)
    for (const [name, value] of [
      ['sec-purpose', 'prefetch'],
      ['sec-purpose', 'prefetch;prerender'],
      ['purpose', 'prefetch'],
      ['x-purpose', 'preview'],
      ['x-moz', 'prefetch'],
    ] as const)
      expect(isAutomatedOpen('GET', headers({ 'user-agent': phone, [name]: value })), `${name}: ${value}`).toBe(true)
  })

  it('takes known scanners and preview bots for machines', () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'WhatsApp/2.23.20.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b',
      'Barracuda Sentinel (EE)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
      'python-requests/2.31.0',
    ])
      expect(isAutomatedOpen('GET', headers({ 'user-agent': agent })), agent).toBe(true)
  })
})
