import mjml2html from 'mjml'
import { wrapStructuralLiquid } from './wrap-structural-liquid'

/**
 * Lays an MJML email out as HTML, Liquid left in place for a later render. Validation happened when the
 * journey was published (`validate` runs MJML's validator); here it would only complain about Liquid in
 * attributes. `mj-include` is ignored so that a template can never read a file.
 */
export async function layoutMjml(mjml: string): Promise<string> {
  const { html } = await mjml2html(mjml, {
    validationLevel: 'skip',
    ignoreIncludes: true,
    keepComments: false,
    preprocessors: [wrapStructuralLiquid],
  })
  return html
}
