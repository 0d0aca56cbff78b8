/**
 * Whether a request for a debtor's link is a person opening it, or a machine looking ahead: a HEAD, a browser's
 * prefetch or prerender, a chat app's preview, or a mail or link scanner that says what it is. Only a person's
 * opening becomes `link.opened`; the page is served either way.
 *
 * What this cannot tell: a scanner that sends a browser's user agent and a plain GET (some mail security gateways
 * do) looks like a person. Telling them apart would take watching whether the page's own resources load afterwards,
 * which the portal's single self-contained page does not give; so `link.opened` means "opened, probably by a person",
 * and journeys should not treat it as proof the debtor read anything.
 */
export function isAutomatedOpen(method: string, headers: { get(name: string): string | null | undefined }): boolean {
  if (method.toUpperCase() !== 'GET') return true
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''}`.toLowerCase()
  if (/\b(prefetch|prerender)\b/.test(purpose)) return true
  if (/\bpreview\b/i.test(headers.get('x-purpose') ?? '')) return true
  if (/\bprefetch\b/i.test(headers.get('x-moz') ?? '')) return true
  const agent = headers.get('user-agent') ?? ''
  return linkScanners.some((pattern) => pattern.test(agent))
}

/**
 * User agents of link scanners and preview bots that fetch links in messages before (or instead of) the person:
 * mail security gateways, chat and social previews, search crawlers. Kept short and specific; a browser's agent
 * never matches.
 */
export const linkScanners: readonly RegExp[] = [
  /(?:bot|Bot)\b|crawler|spider/, // Googlebot, bingbot, Slackbot, TelegramBot, Twitterbot, LinkedInBot, Discordbot, generic crawlers
  /BingPreview|SkypeUriPreview|Slack-ImgProxy|facebookexternalhit|WhatsApp\//i, // chat and social link previews
  /Barracuda|Mimecast|Proofpoint|urldefense|Forcepoint|Symantec|MessageLabs|Trend ?Micro|IronPort|Sophos|FireEye|Zscaler/i, // mail security gateways
  /python-requests|curl\/|Wget\/|Go-http-client|okhttp|HeadlessChrome/i, // scripts and headless browsers
]
