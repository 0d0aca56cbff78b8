import { navigate } from '../router'

/** The product's mark and name, linking to the journeys. */
export function Brand() {
  return (
    <a
      className="brand"
      href="/"
      aria-label="Dunwell: all journeys"
      onClick={(event) => {
        event.preventDefault()
        navigate('/')
      }}
    >
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
        <rect width="24" height="24" rx="6" fill="var(--accent)" />
        <path d="M7 7h5a5 5 0 0 1 0 10H7z" fill="none" stroke="white" strokeWidth="2" />
      </svg>
      <span>Dunwell</span>
    </a>
  )
}
