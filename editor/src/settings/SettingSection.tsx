import type { ReactNode } from 'react'

/** One section of the settings screen, named by its heading. */
export function SettingSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings__section" aria-labelledby={id}>
      <h3 id={id} className="settings__heading">
        {title}
      </h3>
      {children}
    </section>
  )
}
