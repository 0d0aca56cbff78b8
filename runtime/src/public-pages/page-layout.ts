import { createHash } from 'node:crypto'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { DebtorText } from '../i18n/debtor-text'

export type PageBody = HtmlEscapedString | Promise<HtmlEscapedString>

/** The pages' only style, inline so the page makes no other request; allowed by its hash, not by `unsafe-inline`. */
const style =
  'body{font:1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:0 auto;padding:2rem 1rem;color:#1f2933;background:#fff}' +
  'header{font-size:.875rem;color:#52606d;border-bottom:1px solid #cbd2d9;padding-bottom:.5rem;margin-bottom:2rem}' +
  'h1{font-size:1.5rem;line-height:1.3}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}' +
  'button{font:inherit;min-height:44px;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1f2933;background:#1f2933;color:#fff;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}'

const styleHash = createHash('sha256').update(style).digest('base64')

/** Nothing but the page itself: no scripts, no third parties, forms post only back here, never framed. */
export const publicPageHeaders: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${styleHash}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  // The token in the URL is the debtor's key to the page: no referrer, no caches.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/** One layout for every debtor page (the portal's pages grow inside `main`). */
export function pageLayout(text: DebtorText, title: string, body: PageBody): PageBody {
  return html`<!DOCTYPE html>
<html lang="${text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(style)}</style>
</head>
<body>
<header>${text.t.page.brand}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`
}
