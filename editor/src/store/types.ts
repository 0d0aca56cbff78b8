import type { Diagnostic, Journey, JourneyEdge, JourneyNode, Position, Settings, Template } from '@dunwell/journey'
import type { Patch } from 'immer'

/** What is selected on the canvas, by id. */
export interface Selection {
  nodes: string[]
  edges: string[]
  /**
   * A field of the journey's settings a problem is about, by its document path (`settings.locales`, `name`): the
   * settings screen shows and focuses it. Set only with no node or edge selected.
   */
  setting?: string
}

/** Nodes copied as a unit, with the edges between them and the templates they use. */
export interface Fragment {
  format: 'dunwell/fragment@1'
  nodes: JourneyNode[]
  edges: JourneyEdge[]
  templates: Record<string, Template>
}

export interface Connection {
  source: string
  /** `null` for the source node's default outcome. */
  sourceHandle: string | null
  target: string
}

/** Every edit of the document, as data. `applyChange` is the only way to change the document. */
export type Change =
  | { type: 'add-node'; node: Omit<JourneyNode, 'id'> & { id?: string } }
  /** `drag` names one drag gesture: its moves become one history entry. */
  /** A new node placed on an edge: the edge now leads to it, and its first outcome leads where the edge led. */
  | { type: 'insert-on-edge'; edge: string; node: Omit<JourneyNode, 'id'> }
  | { type: 'move-nodes'; moves: { id: string; position: Position }[]; drag?: string }
  /** `edit` names one editing gesture (the focus of a text field): its changes become one history entry. */
  | { type: 'update-node-data'; id: string; data: JourneyNode['data']; edit?: string }
  | { type: 'rename'; name: string }
  /** An empty description removes it. `edit` names one editing gesture, as for node data. */
  | { type: 'describe'; description: string; edit?: string }
  /** The journey's settings: only the fields that differ are written. `edit` names one editing gesture. */
  | { type: 'update-settings'; settings: Settings; edit?: string }
  /** A step's new id; its edges (and the edge ids named after it) follow. Refused when the id is invalid or taken. */
  | { type: 'rename-node'; from: string; to: string }
  /** A branch's or variant's new id; the edge leaving by it follows. Refused when the id is invalid or taken. */
  | { type: 'rename-outcome'; node: string; from: string; to: string }
  | { type: 'delete-selection' }
  | { type: 'connect'; connection: Connection }
  | { type: 'reconnect'; id: string; connection: Connection }
  | { type: 'delete-edge'; id: string }
  /** Fresh ids for every pasted node and edge; `offset` moves them away from the originals. */
  | { type: 'paste'; fragment: Fragment; offset?: Position; at?: Position }
  | { type: 'duplicate-selection' }
  | { type: 'auto-layout' }
  /** `edit` names one editing gesture (a focus of the JSON view): its replacements become one history entry. */
  | { type: 'replace-document'; document: Journey; edit?: string }
  /** A new template; nothing happens when the id is taken. */
  | { type: 'add-template'; id: string; template: Template }
  /**
   * The template's new content. Only the fields and locales that differ are written; an empty text removes that
   * locale (debtors then get the default locale's). `edit` names one editing gesture, as for node data.
   */
  | { type: 'update-template'; id: string; template: Template; edit?: string }
  /** Removes a template no step uses; a template in use stays. */
  | { type: 'remove-template'; id: string }

export interface HistoryEntry {
  change: Change['type']
  patches: Patch[]
  inversePatches: Patch[]
  /** Consecutive entries with the same key merge into one (a drag). */
  mergeKey?: string
}

export interface History {
  past: HistoryEntry[]
  future: HistoryEntry[]
}

export interface Size {
  width: number
  height: number
}

export interface JourneyMeta {
  status: string
  latestVersion: number | null
  hasDraft: boolean
}

export interface EditorState {
  document: Journey
  selection: Selection
  diagnostics: Diagnostic[]
  history: History
  /** Node sizes as the canvas measured them: view state, never part of the document. */
  measured: Record<string, Size>
  /** The document as last saved or loaded: `document !== saved` means unsaved changes. */
  saved: Journey
  meta: JourneyMeta
  applyChange: (change: Change) => void
  undo: () => void
  redo: () => void
  select: (selection: Selection) => void
  setMeasured: (sizes: Record<string, Size>) => void
  /** After a save: the server's diagnostics (they include checks only Node can run, such as MJML). */
  markSaved: (document: Journey, diagnostics: Diagnostic[], meta: Partial<JourneyMeta>) => void
  dispose: () => void
}
