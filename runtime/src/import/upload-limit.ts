/** An upload went past the import's limit while it was being read (a chunked body has no length to check first). */
export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the body is larger than ${limit} bytes`)
  }
}

/** The body's chunks as they arrive, until more than `limit` bytes have come: then `UploadTooLarge`, nothing buffered. */
export async function* limitUpload(body: AsyncIterable<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) throw new UploadTooLarge(limit)
    yield chunk
  }
}
