import { useEffect, useId, useRef, type ReactNode } from 'react'

interface DialogProps {
  title: string
  /** Esc, the Cancel button and a click outside all cancel. */
  onCancel: () => void
  children: ReactNode
  /** The buttons, right-aligned under the content. */
  actions: ReactNode
  onSubmit?: () => void
  className?: string
}

/**
 * A modal dialog on the browser's own `<dialog>`: it traps focus, returns it where it was, and Esc cancels.
 * The content is a form, so that Enter in a field submits it.
 */
export function Dialog({ title, onCancel, children, actions, onSubmit, className = '' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog modal ${className}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      // The page behind is inert: its shortcuts (Delete, Ctrl+Z, cut and paste of steps) must not act on it.
      onKeyDown={(event) => event.stopPropagation()}
      onCopy={(event) => event.stopPropagation()}
      onCut={(event) => event.stopPropagation()}
      onPaste={(event) => event.stopPropagation()}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onCancel()
      }}
    >
      <form
        method="dialog"
        className="modal__form"
        onSubmit={(event) => {
          event.preventDefault()
          onSubmit?.()
        }}
      >
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        {children}
        <div className="modal__actions">{actions}</div>
      </form>
    </dialog>
  )
}
