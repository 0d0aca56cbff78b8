import { z, type OpenAPIHono } from '@hono/zod-openapi'
import { deliveryCallbackSchema } from '../../channels/delivery-callback'
import type { AppEnv } from '../app-types'
import { openProblemResponses, problemOf, tooLarge } from '../schemas'

const token = z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' }, description: 'The signed token of the link the debtor got' }) })
const page = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } })
const invalidLink = {
  404: page('The link is not valid (copied incompletely, or signed with another secret)'),
  410: page(
    'The link is dead: its case was erased, or it expired (links work for a limited time, 120 days by default); a calm page in the debtor’s language that shows nothing of the case',
  ),
}

/**
 * The routes debtors and providers reach without an API key, described for the document: their handlers are in
 * public.ts (plain Hono routes, HTML pages and a signed body read as text).
 */
export function describePublicRoutes(app: OpenAPIHono<AppEnv>): void {
  const registry = app.openAPIRegistry
  registry.registerPath({
    method: 'get',
    path: '/optout/{token}',
    operationId: 'optoutPage',
    tags: ['debtor pages'],
    summary: 'The opt-out page of a message’s link: asks, changes nothing (a link scanner must not unsubscribe anyone)',
    security: [],
    request: { params: token },
    responses: { 200: page('The question, with a button that posts the form'), ...invalidLink, ...openProblemResponses },
  })
  registry.registerPath({
    method: 'post',
    path: '/optout/{token}',
    operationId: 'optout',
    tags: ['debtor pages'],
    summary: 'Opt out of the link’s channel (the form of the opt-out page); becomes an `optout` event',
    security: [],
    request: { params: token },
    responses: { 200: page('Unsubscribed'), ...invalidLink, ...tooLarge, 415: problemOf('The body is not the page’s form'), ...openProblemResponses },
  })
  registry.registerPath({
    method: 'get',
    path: '/pay/{token}',
    operationId: 'payPage',
    tags: ['debtor pages'],
    summary: 'The debtor’s portal: what is open and why, and the ways to settle it, in the debtor’s language',
    description:
      'Its pages below the link, all HTML without script: `transfer` (account and GiroCode), and the forms `promise` (→ `promise.made`), ' +
      '`dispute` (multipart, an optional PDF/JPEG/PNG of at most 5 MB; → `dispute.opened`, a hold and a task in queue `disputes`), ' +
      '`hardship` (→ `hardship.reported`, a hold and a task in queue `care`), `preferences` (→ `preferences.changed`) and `optout` ' +
      '(→ `optout`). A form is accepted only with the key its page carried, and not cross-site.',
    security: [],
    request: { params: token },
    responses: { 200: page('What is open'), ...invalidLink, ...openProblemResponses },
  })
  registry.registerPath({
    method: 'post',
    path: '/callbacks/{provider}',
    operationId: 'providerCallback',
    tags: ['callbacks'],
    summary: 'A provider reports delivery, failure or a reply of a message',
    description:
      'Signed like Dunwell’s own requests to the provider: HMAC-SHA256 of the timestamp and the body with the provider’s secret, in the ' +
      '`X-Dunwell-Timestamp` and `X-Dunwell-Signature` headers (no API key). Becomes a `message.delivered`, `message.failed`, ' +
      '`message.replied` or (for a STOP `reply`) `optout` event.',
    security: [],
    request: {
      params: z.object({
        provider: z.string().openapi({ param: { name: 'provider', in: 'path' }, example: 'sms', description: 'The channel: sms, whatsapp, letter' }),
      }),
      body: { content: { 'application/json': { schema: deliveryCallbackSchema } }, required: true },
    },
    responses: {
      202: { description: 'Accepted as an event', content: { 'application/json': { schema: z.object({ accepted: z.literal(true), event: z.string() }) } } },
      ...openProblemResponses,
      401: problemOf('The signature is missing, wrong or too old'),
      404: problemOf('No such provider is configured, or no such message was sent through this provider'),
      410: problemOf('The message’s case was erased'),
      ...tooLarge,
      415: problemOf('The body is not application/json'),
    },
  })
}
