import { EditorScreen } from './editor/EditorScreen'
import { ImportScreen } from './import/ImportScreen'
import { JourneysScreen } from './journeys/JourneysScreen'
import { parseRoute, usePathname } from './router'

export function App() {
  const route = parseRoute(usePathname())
  if (route.name === 'import') return <ImportScreen />
  return route.name === 'journey' ? <EditorScreen key={route.id} id={route.id} /> : <JourneysScreen />
}
