import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CompanionStatus } from './CompanionStatus.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CompanionStatus />
  </StrictMode>,
);
