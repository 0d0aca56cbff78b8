import type { Journey, JourneyNode } from '@dunwell/journey'
import type { NodeProblems } from './field-errors'

/** What every field of the inspector needs: the node, the document (for templates), problems and the edit function. */
export interface FormContext {
  node: JourneyNode
  document: Journey
  problems: NodeProblems
  /** Stores new data for the node; changes with the same `edit` name are one undo step. */
  edit: (data: JourneyNode['data'], edit?: string) => void
}
