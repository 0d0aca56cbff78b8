/**
 * Long work gives the event loop a turn every `sliceMs`, so that requests (`/health`, the API, a debtor's page) are
 * answered between slices instead of after the whole: SQLite calls and XState transitions are synchronous, and a chain
 * of resolved promises never lets the loop read a socket. Returns a function to call between pieces of work.
 */
export function breather(sliceMs = 10): () => Promise<void> | undefined {
  let since = performance.now()
  return () => {
    if (performance.now() - since < sliceMs) return undefined
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now()
        resolve()
      }),
    )
  }
}

/** One turn of the event loop, always. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
