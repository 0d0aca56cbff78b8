import { html } from 'hono/html'
import type { DebtorText } from '../i18n/debtor-text'
import { type PageBody, pageLayout } from './page-layout'

function channelWord(text: DebtorText, channel: string): string {
  return Object.hasOwn(text.t.channels, channel) ? text.t.channels[channel]! : text.t.channels.all!
}

export function invalidLinkPage(text: DebtorText): PageBody {
  return pageLayout(text, text.t.invalidLink.title, html`<p>${text.t.invalidLink.body}</p>`)
}

/** The page of a link whose case was erased: it shows nothing of the case, not even what was open. */
export function erasedLinkPage(text: DebtorText): PageBody {
  return pageLayout(text, text.t.erasedLink.title, html`<p>${text.t.erasedLink.body}</p>`)
}

/** An authentic link past its time: calm, in the debtor's language, and showing nothing of the case. */
export function expiredLinkPage(text: DebtorText): PageBody {
  return pageLayout(text, text.t.expiredLink.title, html`<p>${text.t.expiredLink.body}</p>`)
}

/** GET asks, POST does: a link scanner that follows every link unsubscribes no one. */
export function optOutQuestionPage(text: DebtorText, channel: string): PageBody {
  const what = channelWord(text, channel)
  return pageLayout(
    text,
    text.t.optout.askTitle(what),
    html`<form method="post"><p>${text.t.optout.askBody(what)}</p><button type="submit">${text.t.optout.button}</button></form>`,
  )
}

export function optOutDonePage(text: DebtorText, channel: string): PageBody {
  return pageLayout(text, text.t.optout.doneTitle, html`<p>${text.t.optout.doneBody(channelWord(text, channel))}</p>`)
}

/** A portal form's body beyond its limit: said on a page, in the browser's language (the body was not read). */
export function tooLargePage(text: DebtorText): PageBody {
  return pageLayout(text, text.t.portal.tooLargeTitle, html`<p>${text.t.portal.tooLargeBody}</p>`)
}
