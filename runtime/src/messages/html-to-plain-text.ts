import { compile } from 'html-to-text'

const selectors = [
  // "Pay now [https://pay.example/…]"; a bare URL is written once.
  { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  // Layout images (logos, spacers) carry no text worth reading.
  { selector: 'img', format: 'skip' },
  // MJML lays every block out as a table row; a blank line between rows reads like the paragraphs they show.
  { selector: 'tr', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
  // MJML's preview text is a hidden div at the top of the body.
  { selector: 'div[style*="display:none"]', format: 'skip' },
]

const convert = compile({ wordwrap: 78, selectors })
// Templates are not wrapped: a line break inside {{ … }} would break the Liquid.
const convertTemplate = compile({ wordwrap: false, selectors })

/** The plain-text part of an email or letter, from its rendered HTML. */
export function htmlToPlainText(html: string): string {
  return convert(html).trim()
}

/** The plain-text version of an HTML template whose Liquid is still to run: made once per template and locale. */
export function htmlTemplateToPlainText(html: string): string {
  return convertTemplate(html)
}
