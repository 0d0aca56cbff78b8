import { createHash, randomBytes } from 'node:crypto'

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
/** 43 base62 characters carry 256 bits. */
const secretLength = 43
/** `dw_` and the first 8 characters of the secret: enough to tell keys apart in a list, far too few to guess the rest. */
const prefixLength = 3 + 8
const keyPattern = /^dw_[0-9A-Za-z]{32,128}$/

/** Uniform base62: bytes of 248 and above are dropped, so that `% 62` favours no character. */
export function randomBase62(length: number): string {
  let text = ''
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += alphabet[byte % 62]
    }
  }
  return text
}

export function generateApiKeyText(): string {
  return `dw_${randomBase62(secretLength)}`
}

/** Whether a string has the shape of a Dunwell key; anything else is refused before it costs a hash or a query. */
export function looksLikeApiKey(text: string): boolean {
  return keyPattern.test(text)
}

/**
 * SHA-256, not a slow password hash: a key is 256 random bits, so even a leaked table cannot be brute-forced, and a
 * fast hash keeps verification to microseconds where bcrypt or argon2 would cost ~100 ms per request for no gain.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, prefixLength)
}
