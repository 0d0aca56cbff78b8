/** The largest document a debtor may upload with a dispute. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

/** The types a debtor may upload, told by their first bytes. */
export const documentMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const
export type DocumentMediaType = (typeof documentMediaTypes)[number]

const signatures: [DocumentMediaType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
]

/** The media type of a document by its first bytes (never by its name or the type the browser claims), if allowed. */
export function documentMediaType(bytes: Uint8Array): DocumentMediaType | undefined {
  return signatures.find(([, signature]) => signature.every((byte, at) => bytes[at] === byte))?.[0]
}

/** The file name an agent's download gets: the document's id and the extension of its type, nothing the debtor chose. */
export function documentFileName(id: string, mediaType: string): string {
  const extension = mediaType === 'application/pdf' ? 'pdf' : mediaType === 'image/png' ? 'png' : 'jpg'
  return `${id}.${extension}`
}
