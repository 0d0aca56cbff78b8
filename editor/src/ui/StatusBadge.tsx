/** A journey's status: active, paused or archived. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--${status}`}>{status}</span>
}
