/** `<mjml lang="…">` set to the locale the email is written in, whatever the template said (MJML's default is `und`). */
export function withMjmlLang(mjml: string, locale: string): string {
  const root = /<mjml(\s[^>]*)?>/i.exec(mjml)
  if (!root) return mjml
  const attributes = (root[1] ?? '').replace(/\s+lang\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/i, '')
  return `${mjml.slice(0, root.index)}<mjml lang="${escapeHtml(locale)}"${attributes}>${mjml.slice(root.index + root[0].length)}`
}

/**
 * The subject as the email's `<title>` (what a screen reader announces first and a browser shows). Set on the
 * rendered HTML rather than through `mj-title`, because the subject is a per-message text and the layout is cached.
 */
export function withTitle(html: string, subject: string): string {
  const title = `<title>${escapeHtml(subject)}</title>`
  const existing = /<title(\s[^>]*)?>[\s\S]*?<\/title\s*>/i.exec(html)
  if (existing) return html.slice(0, existing.index) + title + html.slice(existing.index + existing[0].length)
  const head = /<head(\s[^>]*)?>/i.exec(html)
  return head ? html.slice(0, head.index + head[0].length) + title + html.slice(head.index + head[0].length) : html
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
