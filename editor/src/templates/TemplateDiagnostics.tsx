import type { Diagnostic } from '@dunwell/journey'
import { Icon } from '../ui/Icon'

/** The validator's findings next to what they name. */
export function TemplateDiagnostics({ diagnostics, label }: { diagnostics: Diagnostic[]; label: string }) {
  if (diagnostics.length === 0) return null
  return (
    <ul className="template-diagnostics" aria-label={label}>
      {diagnostics.map((diagnostic, index) => (
        <li key={`${index}-${diagnostic.code}`} className={`template-diagnostic template-diagnostic--${diagnostic.severity}`}>
          <Icon name={diagnostic.severity === 'error' ? 'alert' : 'help'} size={14} />
          <span>
            <span className="visually-hidden">{diagnostic.severity}: </span>
            {diagnostic.message}
          </span>
        </li>
      ))}
    </ul>
  )
}
