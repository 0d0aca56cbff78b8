import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { LinkSecrets } from '../channels/links'
import type { FormKey } from './portal-view'

const list = (secrets: LinkSecrets) => (typeof secrets === 'string' ? [secrets] : secrets)

function mac(secret: string, token: string, submission: string): Buffer {
  return createHmac('sha256', secret).update(`dunwell-portal-form\n${token}\n${submission}`).digest().subarray(0, 16)
}

/**
 * A form's key: a fresh submission id (sending the same form twice is one submission) and a MAC binding it to this
 * link, so a form made elsewhere — another site, another case's link — is refused. The pages set no cookies, so
 * there is no ambient credential for another site to ride on; the link's token in the URL is the debtor's key.
 */
export function newFormKey(secrets: LinkSecrets, token: string): FormKey {
  const submission = randomBytes(12).toString('base64url')
  return { submission, csrf: mac(list(secrets)[0]!, token, submission).toString('base64url') }
}

/** Whether a posted form carries a key this portal made for this link (with any of the link secrets, for rotation). */
export function isFormKey(secrets: LinkSecrets, token: string, submission: unknown, csrf: unknown): submission is string {
  if (typeof submission !== 'string' || typeof csrf !== 'string' || !/^[A-Za-z0-9_-]{16}$/.test(submission)) return false
  const given = Buffer.from(csrf, 'base64url')
  if (given.length !== 16) return false
  return list(secrets).some((secret) => timingSafeEqual(given, mac(secret, token, submission)))
}
