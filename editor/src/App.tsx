import { EditorScreen } from './editor/EditorScreen'
import { JourneysScreen } from './journeys/JourneysScreen'
import { parseRoute, usePathname } from './router'

export function App() {
  const route = parseRoute(usePathname())
  return route.name === 'journey' ? <EditorScreen key={route.id} id={route.id} /> : <JourneysScreen />
}
