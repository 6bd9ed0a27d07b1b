/** Renderer entry: one React root, nothing inline (the CSP allows only 'self' scripts). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './grid/setup.ts';
import './styles.css';
import { App } from './components/App.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
