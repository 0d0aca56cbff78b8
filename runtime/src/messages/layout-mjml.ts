import mjml2html from 'mjml'
import { wrapStructuralLiquid } from './wrap-structural-liquid'

/**
 * The fonts every email uses unless its template chooses others: the reader's own system fonts. MJML's default
 * (Ubuntu, loaded from Google Fonts) would tell Google about every debtor who opens an email.
 */
export const emailFontStack = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

const defaultAttributes = `<mj-attributes><mj-all font-family="${emailFontStack}" /></mj-attributes>`

/** Puts the default font first in `mj-head`, so that the template's own `mj-attributes` still win. */
export function withDefaultFont(mjml: string): string {
  const head = /<mj-head(\s[^>]*)?>/i.exec(mjml)
  if (head) return mjml.slice(0, head.index + head[0].length) + defaultAttributes + mjml.slice(head.index + head[0].length)
  const root = /<mjml(\s[^>]*)?>/i.exec(mjml)
  if (!root) return mjml
  return `${mjml.slice(0, root.index + root[0].length)}<mj-head>${defaultAttributes}</mj-head>${mjml.slice(root.index + root[0].length)}`
}

/**
 * Lays an MJML email out as HTML, Liquid left in place for a later render. Validation happened when the
 * journey was published (`validate` runs MJML's validator); here it would only complain about Liquid in
 * attributes. `mj-include` is ignored so that a template can never read a file. No remote fonts: `fonts: {}`
 * leaves out MJML's Google Fonts links and imports.
 */
export async function layoutMjml(mjml: string): Promise<string> {
  const { html } = await mjml2html(mjml, {
    validationLevel: 'skip',
    ignoreIncludes: true,
    keepComments: false,
    fonts: {},
    preprocessors: [withDefaultFont, wrapStructuralLiquid],
  })
  return html
}
