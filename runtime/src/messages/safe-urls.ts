import { decodeHTMLAttribute } from 'entities'

/** What a link in a message may open: a web page, a mail or a phone call. Images may also be attached (`cid:`). */
const linkSchemes = new Set(['http', 'https', 'mailto', 'tel'])
const sourceSchemes = new Set(['http', 'https', 'cid'])

/** Attributes that a mail client or browser follows or loads. */
const urlAttributes = /(\s)(href|src|action|formaction|background|poster|xlink:href)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi

/** The scheme a browser reads from an attribute's value (entities decoded, tabs and newlines ignored), or undefined. */
export function schemeOf(attributeValue: string): string | undefined {
  // As the URL standard parses: C0 controls and spaces around are dropped, tabs and newlines anywhere are ignored.
  const url = decodeHTMLAttribute(attributeValue)
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[\t\n\r]/g, '')
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
}

/**
 * A rendered message's HTML with every link that is not http(s), mailto or tel (and every image source that is not
 * http(s) or cid) replaced by `#`: a `javascript:` or `data:` URL from a case attribute, or typed into a template,
 * never reaches a debtor's mail client. Relative URLs have no scheme and stay as they are.
 */
export function neutraliseUnsafeUrls(html: string): string {
  return html.replace(urlAttributes, (whole, space: string, name: string, equals: string, quoted: string) => {
    const value = /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted
    const scheme = schemeOf(value)
    if (scheme === undefined) return whole
    const allowed = /^(href|action|formaction|xlink:href)$/i.test(name) ? linkSchemes : sourceSchemes
    return allowed.has(scheme) ? whole : `${space}${name}${equals}"#"`
  })
}
