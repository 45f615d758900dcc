import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // antd is one large library; pages are split per route, the shared vendor chunk stays big.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
