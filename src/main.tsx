import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { PresenterView } from './teaching/presenter/PresenterView.tsx';
import './ui/theme.css';
import './ui/present/present.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {new URLSearchParams(location.search).get('presenter') === '1' ? <PresenterView /> : <App />}
  </StrictMode>,
);
