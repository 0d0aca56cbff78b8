/** Runs a sample case through the draft on the virtual clock and shows its path (to be built). */
export default function TestRunPanel({ onClose }: { onClose: () => void }) {
  return (
    <section className="testrun" aria-label="Test run">
      <p className="muted">Test runs are on their way.</p>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </section>
  )
}
