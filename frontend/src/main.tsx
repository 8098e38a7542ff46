import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadConfig } from './lib/config';
import './styles/tokens.css';
import './styles/base.css';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main className="main" id="main">
        <section className="state state-error" role="alert">
          <h1>Hexatask cannot start</h1>
          <p>{error instanceof Error ? error.message : 'Its settings could not be read.'}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </section>
      </main>,
    ),
);
