/** Hands text to the browser as a file download, e.g. an exported journey `friendly-reminder-v2.json`. */
export function downloadFile(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by the time the click returns; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
