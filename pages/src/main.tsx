import { createRoot } from 'react-dom/client';
import 'virtual:theme.css';
import './styles.css';
import { ControlRoom } from './control/ControlRoom';
import { ProjectorPage } from './projector/ProjectorPage';
import { StudentPage } from './student/StudentPage';
import { applyTheme, storedTheme } from './ui/theme';

/* One bundle, three pages: the lab serves index.html at /, /control and /projector. */
function page() {
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '/control') return <ControlRoom />;
  if (path === '/projector') return <ProjectorPage />;
  return <StudentPage />;
}

applyTheme(storedTheme());
createRoot(document.getElementById('root')!).render(page());
