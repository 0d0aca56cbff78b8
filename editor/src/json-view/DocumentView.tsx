/** The whole journey document as JSON, in sync with the canvas (to be built). */
export default function DocumentView() {
  return (
    <main className="editor__wide">
      <p className="muted">The JSON view is on its way.</p>
    </main>
  )
}
