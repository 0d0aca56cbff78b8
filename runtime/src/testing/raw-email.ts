/** Just enough RFC 5322 / MIME reading to check what an SMTP server received (no mail parser is installed). */

export interface MimePart {
  headers: Map<string, string>
  /** Decoded from the part's transfer encoding, as UTF-8 with `\n` line ends. */
  body: string
  parts: MimePart[]
}

export function parseRawEmail(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n')
  const head = split === -1 ? raw : raw.slice(0, split)
  const rest = split === -1 ? '' : raw.slice(split + 4)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  const type = headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = rest.split(`--${boundary}`).slice(1)
    const parts = sections.filter((section) => !section.startsWith('--')).map((section) => parseRawEmail(section.replace(/^\r\n/, '').replace(/\r\n$/, '')))
    return { headers, body: '', parts }
  }
  const body = decodeBody(rest.replace(/\r\n$/, ''), headers.get('content-transfer-encoding') ?? '7bit')
  return { headers, body: body.replace(/\r\n/g, '\n'), parts: [] }
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    case 'quoted-printable':
      return qpBytes(body.replace(/=\r\n/g, '')).toString('utf8')
    default:
      return body
  }
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3)
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'))
  }
  return Buffer.from(bytes)
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qpBytes(text.replace(/_/g, ' ')).toString('utf8'),
    )
}

/** The first part of a message, itself included, whose content type starts with `type` (`text/html`, say). */
export function partOf(mail: MimePart, type: string): MimePart | undefined {
  if (mail.headers.get('content-type')?.toLowerCase().startsWith(type)) return mail
  for (const part of mail.parts) {
    const found = partOf(part, type)
    if (found) return found
  }
  return undefined
}
