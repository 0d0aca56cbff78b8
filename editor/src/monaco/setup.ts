/**
 * Monaco, bundled with the editor: nothing loads from a CDN. The workers are Vite worker chunks served by the
 * runtime with the rest of the editor (the package's exports map `monaco-editor/<path>` to `esm/vs/<path>.js`).
 *
 * The editor talks to Monaco directly (templates/CodeEditor.tsx) rather than through @monaco-editor/react: that
 * wrapper's loader carries a jsDelivr URL as its default, which would ship in the bundle even when unused.
 */
import * as monaco from 'monaco-editor'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import HtmlWorker from 'monaco-editor/languages/features/html/html.worker?worker'
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker'

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'json') return new JsonWorker()
    if (label === 'html' || label === 'handlebars' || label === 'razor') return new HtmlWorker()
    return new EditorWorker()
  },
}

export { monaco }
