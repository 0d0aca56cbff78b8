import { describe, expect, it } from 'vitest'
import { htmlToPlainText } from './html-to-plain-text'
import { layoutMjml } from './layout-mjml'

describe('htmlToPlainText', () => {
  it('reads an MJML email as paragraphs, without preview text or images', async () => {
    const html = await layoutMjml(
      '<mjml><mj-head><mj-preview>Preview line</mj-preview></mj-head><mj-body><mj-section><mj-column>' +
        '<mj-image src="https://acme.example/logo.png" alt="Acme" /><mj-text>First</mj-text><mj-text>Second</mj-text>' +
        '<mj-button href="https://pay.example/1">Pay now</mj-button></mj-column></mj-section></mj-body></mjml>',
    )
    expect(htmlToPlainText(html)).toBe('First\n\nSecond\n\nPay now [https://pay.example/1]')
  })

  it('writes a link whose text is its URL once', () => {
    expect(htmlToPlainText('<p>Pay at <a href="https://pay.example/1">https://pay.example/1</a></p>')).toBe('Pay at https://pay.example/1')
  })
})
