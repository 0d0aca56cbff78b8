import { diffJourneys, isMoveOnly, type Journey, type JourneyChange } from '@dunwell/journey'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { describeError } from '../api/journeys-api'
import { exportVersion, listVersions, loadVersion, type VersionSummary } from '../api/versions-api'
import { useApplyChange, useEditorStore } from '../store'
import { isDirty } from '../store/is-dirty'
import { downloadFile } from '../ui/download-file'
import { Icon } from '../ui/Icon'
import { ChangeList } from './ChangeList'
import { DiffView } from './DiffView'
import { stableText } from './stable-text'
import { VersionHistory } from './VersionHistory'

/** One side of a comparison: a published version, or the working copy on screen. */
type Side = number | 'draft'
type Listed = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; versions: VersionSummary[] }

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text)
const sideName = (side: Side) => (side === 'draft' ? 'the draft' : `v${side}`)

/** `1 change and 11 steps moved from v1 to the draft` */
function summarize(changes: JourneyChange[], [from, to]: [Side, Side]): string {
  if (changes.length === 0) return 'No differences'
  const moved = changes.filter(isMoveOnly).length
  const content = changes.length - moved
  const parts = [content > 0 && `${content} change${content === 1 ? '' : 's'}`, moved > 0 && `${moved} step${moved === 1 ? '' : 's'} moved`].filter(Boolean)
  return `${parts.join(' and ')} from ${sideName(from)} to ${sideName(to)}`
}

/** The default comparison: the draft against what is live, else the last two versions. */
function defaultPair(versions: VersionSummary[], hasDraft: boolean): [Side, Side] | undefined {
  const [latest, previous] = versions
  if (!latest) return undefined
  if (hasDraft || !previous) return [latest.version, 'draft']
  return [previous.version, latest.version]
}

/** The journey's published versions, their history, and what changed between any two of them (or the draft). */
export default function VersionsPanel({ onShowNode }: { onShowNode: (nodeId: string) => void }) {
  const document = useEditorStore((state) => state.document)
  const meta = useEditorStore((state) => state.meta)
  const dirty = useEditorStore(isDirty)
  const [listed, setListed] = useState<Listed>({ state: 'loading' })
  const [pair, setPair] = useState<[Side, Side] | undefined>()
  const [documents, setDocuments] = useState<Record<number, Journey>>({})
  const [failure, setFailure] = useState<string | undefined>()
  const [restored, setRestored] = useState<number | undefined>()
  const [sideBySide, setSideBySide] = useState(true)
  const applyChange = useApplyChange()
  const hasDraft = meta.hasDraft || dirty

  // The list again after a publish (the latest version changes).
  useEffect(() => {
    let live = true
    listVersions(document.id).then(
      (versions) => {
        if (!live) return
        setListed({ state: 'ready', versions })
        setPair((current) => current ?? defaultPair(versions, hasDraft))
      },
      (error: unknown) => live && setListed({ state: 'failed', message: describeError(error) }),
    )
    return () => void (live = false)
    // The default pair is chosen once, on the first answer: later drafts do not move the reader's choice.
  }, [document.id, meta.latestVersion])

  // Each version's document is fetched once, when a comparison first needs it.
  useEffect(() => {
    const missing = (pair ?? []).filter((side) => side !== 'draft' && !(side in documents)) as number[]
    if (missing.length === 0) return
    let live = true
    Promise.all(missing.map(async (version) => [version, (await loadVersion(document.id, version)).document] as const)).then(
      (loaded) => live && setDocuments((known) => ({ ...known, ...Object.fromEntries(loaded) })),
      (error: unknown) => live && setFailure(describeError(error)),
    )
    return () => void (live = false)
  }, [document.id, documents, pair])

  const sideDocument = useCallback((side: Side) => (side === 'draft' ? document : documents[side]), [document, documents])
  const before = pair && sideDocument(pair[0])
  const after = pair && sideDocument(pair[1])
  const changes = useMemo(() => {
    if (!before || !after) return undefined
    try {
      return diffJourneys(before, after)
    } catch {
      // An unfinished draft may lack what the diff reads; the text diff below still shows it.
      return undefined
    }
  }, [before, after])
  const texts = useMemo(() => (before && after ? { original: stableText(before), modified: stableText(after) } : undefined), [before, after])
  const onCanvas = useMemo(() => new Set(document.nodes.map((node) => node.id)), [document])

  const onExport = async (version: number) => {
    setFailure(undefined)
    try {
      downloadFile(`${document.id}-v${version}.json`, await exportVersion(document.id, version))
    } catch (error) {
      setFailure(`v${version} could not be exported: ${describeError(error)}`)
    }
  }

  const onRestore = async (version: number) => {
    setFailure(undefined)
    try {
      const restoring = documents[version] ?? (await loadVersion(document.id, version)).document
      applyChange({ type: 'replace-document', document: structuredClone(restoring) })
      setRestored(version)
      // What going back would change for what is live.
      if (listed.state === 'ready' && listed.versions[0]) setPair([listed.versions[0].version, 'draft'])
    } catch (error) {
      setFailure(`v${version} could not be restored: ${describeError(error)}`)
    }
  }

  if (listed.state !== 'ready') {
    return (
      <main className="editor__wide versions">
        <p
          className={listed.state === 'failed' ? 'notice notice--error versions__message' : 'muted versions__message'}
          role={listed.state === 'failed' ? 'alert' : 'status'}
        >
          {listed.state === 'failed' ? `The versions could not be loaded: ${listed.message}` : 'Loading versions…'}
        </p>
      </main>
    )
  }
  const { versions } = listed
  if (versions.length === 0) {
    return (
      <main className="editor__wide versions">
        <div className="empty versions__message">
          Not published yet. Publish the draft to start its history: every version is kept, with its note, and can be compared and exported.
        </div>
      </main>
    )
  }

  const options = [
    ...(hasDraft ? [{ side: 'draft' as Side, label: dirty ? 'Draft (unsaved changes)' : 'Draft' }] : [{ side: 'draft' as Side, label: 'Working copy' }]),
    ...versions.map((version) => ({ side: version.version as Side, label: `v${version.version}${version.note ? ` · ${shorten(version.note, 28)}` : ''}` })),
  ]
  const select = (index: 0 | 1, label: string) => (
    <label className="compare-bar__side">
      <span>{label}</span>
      <select
        value={String(pair?.[index] ?? '')}
        onChange={(event) => {
          const value: Side = event.target.value === 'draft' ? 'draft' : Number(event.target.value)
          setPair((current) => (index === 0 ? [value, current?.[1] ?? 'draft'] : [current?.[0] ?? value, value]))
        }}
      >
        {options.map((option) => (
          <option key={String(option.side)} value={String(option.side)}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <main className="editor__wide versions">
      <VersionHistory
        versions={versions}
        status={meta.status}
        draft={hasDraft ? (dirty ? 'Unsaved changes on screen.' : 'Saved, not published yet.') : undefined}
        onCompare={(from, to) => setPair([from, to])}
        onExport={(version) => void onExport(version)}
        onRestore={(version) => void onRestore(version)}
      />
      <section className="versions__compare" aria-label="Compare versions">
        <div className="compare-bar">
          {select(0, 'From')}
          <button
            type="button"
            className="icon-button"
            onClick={() => setPair((current) => current && [current[1], current[0]])}
            aria-label="Swap the two sides"
            title="Swap"
          >
            <Icon name="swap" />
          </button>
          {select(1, 'To')}
          <button
            type="button"
            className="button button--ghost compare-bar__layout"
            aria-pressed={!sideBySide}
            onClick={() => setSideBySide((both) => !both)}
            title="Show the changes in one column"
          >
            Inline
          </button>
          <span className="compare-bar__summary muted" role="status">
            {pair && changes ? summarize(changes, pair) : texts ? '' : 'Loading…'}
          </span>
        </div>
        {restored !== undefined && dirty && (
          <p className="notice versions__notice" role="status">
            v{restored} is now the draft, not saved yet. Save or publish it to keep it; Undo takes it back.
          </p>
        )}
        {failure && (
          <p className="notice notice--error versions__notice" role="alert">
            {failure}
          </p>
        )}
        {changes && (
          <div className="versions__changes">
            <ChangeList changes={changes} canShow={(id) => onCanvas.has(id)} onShowNode={onShowNode} />
          </div>
        )}
        <div className="versions__diff">
          {pair && texts && (
            <DiffView
              original={texts.original}
              modified={texts.modified}
              originalLabel={sideName(pair[0])}
              modifiedLabel={sideName(pair[1])}
              sideBySide={sideBySide}
            />
          )}
        </div>
      </section>
    </main>
  )
}
