import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import './app/tasks.css';
import './app/problems.css';
import { Providers } from './app/providers.tsx';
import { AppRouter } from './app/router.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
);
