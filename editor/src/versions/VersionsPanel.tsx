/** The journey's published versions, their history and the differences between them (to be built). */
export default function VersionsPanel() {
  return (
    <main className="editor__wide">
      <p className="muted">Version history is on its way.</p>
    </main>
  )
}
