/**
 * MJML components whose content MJML keeps verbatim (their `endingTag`). Text anywhere else, between
 * sections or columns say, is silently dropped by MJML's parser, and a Liquid tag with it.
 */
const endingTags = new Set([
  'mj-accordion-text',
  'mj-accordion-title',
  'mj-breakpoint',
  'mj-button',
  'mj-carousel-image',
  'mj-navbar-link',
  'mj-preview',
  'mj-raw',
  'mj-social-element',
  'mj-style',
  'mj-table',
  'mj-text',
  'mj-title',
])

function liquidEnd(source: string, start: number): number {
  const closer = source.startsWith('{{', start) ? '}}' : '%}'
  const end = source.indexOf(closer, start + 2)
  return end < 0 ? source.length : end + 2
}

function isLiquidStart(source: string, at: number): boolean {
  return source.startsWith('{{', at) || source.startsWith('{%', at)
}

/** The index just after the `>` closing the tag that opens at `start`, skipping quoted values and Liquid. */
function tagEnd(source: string, start: number): number {
  let i = start + 1
  while (i < source.length) {
    const char = source[i]
    if (isLiquidStart(source, i)) i = liquidEnd(source, i)
    else if (char === '"' || char === "'") {
      const close = source.indexOf(char, i + 1)
      i = close < 0 ? source.length : close + 1
    } else if (char === '>') return i + 1
    else i += 1
  }
  return source.length
}

/**
 * Wraps every Liquid tag or output that stands between MJML components (not inside an ending tag's content,
 * not inside an attribute) in `<mj-raw>`, so that MJML carries it to the HTML at the same place:
 * `{% if debtor.vip %}<mj-section>…</mj-section>{% endif %}` then still shows the section only to VIPs.
 */
export function wrapStructuralLiquid(mjml: string): string {
  let out = ''
  let depth = 0 // > 0 while inside an ending tag's content
  let i = 0
  while (i < mjml.length) {
    if (mjml.startsWith('<!--', i)) {
      const close = mjml.indexOf('-->', i + 4)
      const end = close < 0 ? mjml.length : close + 3
      out += mjml.slice(i, end)
      i = end
    } else if (isLiquidStart(mjml, i)) {
      const end = liquidEnd(mjml, i)
      const liquid = mjml.slice(i, end)
      out += depth > 0 ? liquid : `<mj-raw>${liquid}</mj-raw>`
      i = end
    } else if (mjml[i] === '<' && /[A-Za-z/]/.test(mjml[i + 1] ?? '')) {
      const end = tagEnd(mjml, i)
      const tag = mjml.slice(i, end)
      const name = /^<\/?([A-Za-z][\w:-]*)/.exec(tag)?.[1]?.toLowerCase()
      if (name && endingTags.has(name)) {
        if (tag.startsWith('</')) depth = Math.max(0, depth - 1)
        else if (!tag.endsWith('/>')) depth += 1
      }
      out += tag
      i = end
    } else {
      out += mjml[i]
      i += 1
    }
  }
  return out
}
