/**
 * The JSON view's text that is not applied (it is no journey yet) must not vanish by accident: leaving the view, the
 * journey or the page asks first. The view registers what it holds while it is open.
 */
let describeUnapplied: (() => string | undefined) | undefined

export function setUnappliedText(describe: (() => string | undefined) | undefined): void {
  describeUnapplied = describe
}

export function hasUnappliedText(): boolean {
  return Boolean(describeUnapplied?.())
}

/** True to go on leaving: nothing is unapplied, or the person agreed to drop it. */
export function confirmLeavingJson(): boolean {
  const what = describeUnapplied?.()
  return !what || window.confirm(`Leave the JSON view? Your text is not applied (${what}) and will be lost.`)
}
