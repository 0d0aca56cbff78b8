import { createHash } from 'node:crypto'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { DebtorText } from '../i18n/debtor-text'

export type PageBody = HtmlEscapedString | Promise<HtmlEscapedString>

/** The creditor as a page shows them (from the creditor settings); every part optional. */
export interface Brand {
  name?: string
  /** A PNG or JPEG data URL, checked by the settings' schema. */
  logo?: string
  /** `#rrggbb`, at least 4.5:1 against white (checked by the settings' schema). */
  primaryColor?: string
}

/** The pages' only style, inline so the page makes no other request; allowed by its hash, not by `unsafe-inline`. */
const style =
  'body{font:1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem;color:#1f2933;background:#fff}' +
  'header{display:flex;align-items:center;gap:.75rem;font-size:.875rem;color:#52606d;border-bottom:3px solid var(--brand,#1f2933);padding-bottom:.75rem;margin-bottom:1.5rem}' +
  'header img{max-height:2.5rem;max-width:8rem}header strong{color:#1f2933;font-size:1rem}' +
  'h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:2rem 0 .75rem}' +
  'dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;align-items:baseline}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}' +
  '.total{font-size:1.25rem;font-weight:700}' +
  'button,.button{display:inline-block;font:inherit;font-weight:600;min-height:44px;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid var(--brand,#1f2933);background:var(--brand,#1f2933);color:#fff;cursor:pointer;text-decoration:none;box-sizing:border-box}' +
  // Secondary: what a debtor may do, not what we suggest (stopping a channel).
  'button.secondary{background:#fff;color:var(--brand,#1f2933)}' +
  'a{color:var(--brand,#1f2933)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #2563eb;outline-offset:2px}' +
  '.options{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}' +
  '.options a{display:block;padding:.85rem 1rem;border:1px solid #9aa5b1;border-radius:.5rem;text-decoration:none;color:#1f2933}' +
  '.options a strong{display:block;color:var(--brand,#1f2933)}.options a span{font-size:.9rem;color:#52606d}' +
  '.note{border-left:4px solid var(--brand,#1f2933);background:#f5f7fa;padding:.75rem 1rem;margin:1rem 0}' +
  '.error{border:2px solid #b91c1c;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}.error h2{margin:0 0 .25rem;color:#b91c1c;font-size:1rem}' +
  'form p{margin:0 0 1.25rem}label{display:block;font-weight:600;margin-bottom:.25rem}.hint{display:block;font-size:.9rem;color:#52606d;margin-bottom:.25rem}' +
  'input,select,textarea{font:inherit;width:100%;box-sizing:border-box;min-height:44px;padding:.5rem;border:1px solid #52606d;border-radius:.3rem;background:#fff;color:#1f2933}' +
  'input[type=file]{padding:.4rem 0;border:0}textarea{min-height:7rem}' +
  'figure{margin:1rem 0}figure svg{width:100%;max-width:15rem;height:auto;display:block}figcaption{font-size:.9rem;color:#52606d}' +
  'table{width:100%;border-collapse:collapse;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:600;margin-bottom:.35rem}' +
  'th,td{text-align:left;padding:.5rem .35rem;border-bottom:1px solid #cbd2d9}.amount{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}' +
  'tfoot th,tfoot td{font-weight:700;border-bottom:0}' +
  '.back{display:inline-block;margin-top:2rem}.inline{display:inline}'

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64')
const styleHash = sha256(style)

function brandStyle(brand: Brand | undefined): string | undefined {
  return brand?.primaryColor && /^#[0-9a-f]{6}$/i.test(brand.primaryColor) ? `:root{--brand:${brand.primaryColor}}` : undefined
}

/**
 * Nothing but the page itself: no scripts, no third parties, images only inlined (the logo), forms post only back
 * here (or on to the payment provider's checkout), never framed. The creditor's colour is a second style, allowed by its own hash.
 */
export function pageHeaders(brand?: Brand, formTargets: readonly string[] = []): Record<string, string> {
  const extra = brandStyle(brand)
  const styles = [`'sha256-${styleHash}'`, ...(extra ? [`'sha256-${sha256(extra)}'`] : [])].join(' ')
  // A form may lead on only where it must: the pay-now form's redirect to the payment provider's checkout (its origin).
  const forms = ["'self'", ...formTargets].join(' ')
  return {
    'content-security-policy': `default-src 'none'; style-src ${styles}; img-src data:; form-action ${forms}; base-uri 'none'; frame-ancestors 'none'`,
    // The token in the URL is the debtor's key to the page: no referrer, no caches.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  }
}

/** The headers of a page without the creditor's brand (a bad link, which names no creditor). */
export const publicPageHeaders: Record<string, string> = pageHeaders()

/** One layout for every debtor page (the portal's pages grow inside `main`). */
export function pageLayout(text: DebtorText, title: string, body: PageBody, brand?: Brand): PageBody {
  const extra = brandStyle(brand)
  // The name is written beside the logo, so the logo itself is decoration (said once, not twice).
  const logo = brand?.logo ? html`<img src="${brand.logo}" alt="">` : ''
  const header = html`${logo}${brand?.name ? html`<strong>${brand.name}</strong>` : text.t.page.brand}`
  return html`<!DOCTYPE html>
<html lang="${text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(style)}</style>${extra ? html`\n<style>${raw(extra)}</style>` : ''}
</head>
<body>
<header>${header}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`
}
