import './browser-shim.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AssistantApp } from '../ui/AssistantApp.tsx';
import '../ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AssistantApp mode="panel" />
  </StrictMode>,
);
