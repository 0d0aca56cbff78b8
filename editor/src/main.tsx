import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/journeys.css'
import './styles/editor.css'
import './styles/problems.css'
import './styles/inspector.css'
import './styles/canvas.css'
import './styles/node.css'
import './styles/templates.css'
import './styles/testrun.css'
import './styles/code.css'
import './styles/versions.css'
import './styles/settings.css'
import './styles/import.css'
import './styles/session.css'
import { App } from './App'
import { SessionGate } from './session/SessionGate'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionGate>
      <App />
    </SessionGate>
  </StrictMode>,
)
