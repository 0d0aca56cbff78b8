import { compile } from 'html-to-text'

const convert = compile({
  wordwrap: 78,
  selectors: [
    // "Pay now [https://pay.example/…]"; a bare URL is written once.
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    // Layout images (logos, spacers) carry no text worth reading.
    { selector: 'img', format: 'skip' },
    // MJML lays every block out as a table row; a blank line between rows reads like the paragraphs they show.
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    // MJML's preview text is a hidden div at the top of the body.
    { selector: 'div[style*="display:none"]', format: 'skip' },
  ],
})

/** The plain-text part of an email or letter, from its rendered HTML. */
export function htmlToPlainText(html: string): string {
  return convert(html).trim()
}
