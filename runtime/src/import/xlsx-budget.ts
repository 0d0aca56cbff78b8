import { Open } from 'unzipper'

/**
 * How far a workbook may unpack: a part (e.g. the shared strings, which the reader holds in memory) and the whole. An
 * .xlsx is a zip: 10 MB of it can inflate to gigabytes (a zip bomb), so the sizes the zip declares are not trusted.
 */
export const XLSX_LIMITS = { partBytes: 256 * 1024 * 1024, totalBytes: 1024 * 1024 * 1024 }

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/** Inflates each part of the workbook file once, counting the bytes it really gives; the reason when over a limit. */
export async function overUnpackLimit(file: string, limits = XLSX_LIMITS): Promise<string | undefined> {
  const directory = await Open.file(file)
  let total = 0
  for (const entry of directory.files) {
    if (entry.type !== 'File') continue
    let size = 0
    const stream = entry.stream()
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length
      total += chunk.length
      if (size > limits.partBytes || total > limits.totalBytes) {
        stream.destroy()
        return size > limits.partBytes
          ? `the workbook's part ${entry.path} unpacks to more than ${mb(limits.partBytes)}: save the sheet as CSV and import that`
          : `the workbook unpacks to more than ${mb(limits.totalBytes)}: save the sheet as CSV and import that`
      }
    }
  }
  return undefined
}
