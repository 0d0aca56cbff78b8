import { z, type OpenAPIHono } from '@hono/zod-openapi'
import { deliveryCallbackSchema } from '../../channels/delivery-callback'
import type { AppEnv } from '../app-types'
import { openProblemResponses, problemOf, tooLarge } from '../schemas'

const token = z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' }, description: 'The signed token of the link the debtor got' }) })
const page = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } })
/** A problem for a program; for the debtor's browser (`Sec-Fetch-Mode: navigate`), a page in their language saying the same. */
const problemOrPage = (description: string) => ({ description, content: { ...problemOf(description).content, ...page(description).content } })
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
    summary: 'A payment link sent before the portal: redirects to the portal for its case and channel',
    security: [],
    request: { params: token },
    responses: { 303: { description: 'To the portal (`Location`)' }, ...invalidLink, ...openProblemResponses },
  })
  registry.registerPath({
    method: 'get',
    path: '/portal/{token}',
    operationId: 'portalPage',
    tags: ['debtor pages'],
    summary: 'The debtor’s portal (a message’s link, bound to case, channel, journey step and offers): what is open and why, and the ways to settle it',
    description:
      'Its pages below the link, all HTML without script: `transfer` (account and GiroCode), and the forms `promise` (→ `promise.made`), ' +
      '`dispute` (multipart, an optional PDF/JPEG/PNG of at most 5 MB; → `dispute.opened`, a hold and a task in queue `disputes`), ' +
      '`hardship` (→ `hardship.reported`, a hold and a task in queue `care`), `preferences` (→ `preferences.changed`) and `optout` ' +
      '(→ `optout`). A form is accepted only with the key its page carried, and not cross-site.' +
      ' With a payment provider wired, a pay-now form posts to `checkout`; back from it (`?checkout=done` or `cancelled`) the page says so. ' +
      'Opening it records a `link.opened` event (`{ purpose: "portal", step }`, once per link and day) — not for HEAD, prefetch or prerender ' +
      '(`Sec-Purpose`, `Purpose`, `X-Purpose: preview`, `X-Moz: prefetch`) or known link scanners’ user agents.',
    security: [],
    request: {
      params: token,
      query: z.object({
        checkout: z
          .string()
          .optional()
          .openapi({ description: 'Back from the provider’s checkout: `done` or `cancelled` shows a notice; anything else is ignored', example: 'done' }),
      }),
    },
    responses: { 200: page('The portal'), ...invalidLink, ...openProblemResponses },
  })
  registry.registerPath({
    method: 'head',
    path: '/portal/{token}',
    operationId: 'portalPageHead',
    tags: ['debtor pages'],
    summary: 'The portal page’s headers: as GET, without the page, and never recorded as opened (link scanners ask this way)',
    security: [],
    request: { params: token },
    responses: { 200: { description: 'The portal' }, 404: { description: 'The link is not valid' }, 410: { description: 'The link is dead' } },
  })
  registry.registerPath({
    method: 'post',
    path: '/portal/{token}/checkout',
    operationId: 'portalCheckout',
    tags: ['debtor pages'],
    summary: 'Pay now (the portal’s form): starts the payment provider’s checkout and redirects there',
    security: [],
    request: {
      params: token,
      body: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              amount: z
                .string()
                .optional()
                .openapi({ description: 'In major units (`45.50` or `45,50`); what is open when left out; less only when the link offers paying in part' }),
            }),
          },
        },
      },
    },
    responses: {
      303: { description: 'To the provider’s checkout page (`Location`)' },
      ...invalidLink,
      ...openProblemResponses,
      400: problemOrPage('The amount is not an amount, more than is open, or less when paying in part is not offered'),
      403: problemOf('The form was sent from another site (`Sec-Fetch-Site: cross-site`)'),
      409: problemOrPage('Nothing is open on the case'),
      502: problemOrPage('The provider did not start the payment; nothing was charged'),
      ...tooLarge,
      415: problemOf('The body is not the portal’s form'),
    },
  })
  registry.registerPath({
    method: 'post',
    path: '/payments/{provider}/webhook',
    operationId: 'paymentWebhook',
    tags: ['callbacks'],
    summary: 'The payment provider confirms or returns a payment (Stripe: its signed webhook)',
    description:
      'No API key: the provider’s signature over the raw body (Stripe: `Stripe-Signature`, checked with STRIPE_WEBHOOK_SECRET). ' +
      '`checkout.session.completed` and `payment_intent.succeeded` become `payment.received` (once per provider payment id), ' +
      '`charge.refunded` and `charge.dispute.created` `payment.reversed`; other events are acknowledged and ignored.',
    security: [],
    request: {
      params: z.object({
        provider: z.string().openapi({ param: { name: 'provider', in: 'path' }, example: 'stripe', description: 'The configured payment provider' }),
      }),
      body: { content: { 'application/json': { schema: z.looseObject({}) } }, required: true },
    },
    responses: {
      200: {
        description: 'Verified; the events it became (none when ignored or seen before)',
        content: {
          'application/json': {
            schema: z.object({ received: z.literal(true), events: z.array(z.enum(['payment.received', 'payment.reversed'])), ignored: z.string().optional() }),
          },
        },
      },
      ...openProblemResponses,
      400: problemOf('The signature is missing, wrong or too old; nothing was stored'),
      404: problemOf('No such provider is configured, or the payment’s case does not exist'),
      410: problemOf('The payment’s case was erased'),
      422: problemOf('The payment’s currency is not the case’s'),
      ...tooLarge,
      415: problemOf('The body is not application/json'),
    },
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
