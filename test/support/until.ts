/**
 * Reads `read` until `done` says the state is reached; the deadline is only there to say what was being waited for
 * when it never comes (a test waits for a state, never for a time).
 */
export async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  show: (value: T) => unknown = (value) => value,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(show(value))?.slice(0, 500)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
