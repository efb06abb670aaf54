import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Built files go to web/dist and are served by `kangfu serve --static-dir web/dist`. Asset names
// carry a hex content hash so that the server's immutable-cache rule (a '-' then 8+ characters of
// [A-Za-z0-9_] before the extension) recognises every one of them.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        hashCharacters: 'hex',
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) {
            return 'echarts';
          }
          if (id.includes('node_modules/element-plus') || id.includes('@element-plus')) {
            return 'element-plus';
          }
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev` against a local `kangfu serve` on port 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.js'],
  },
});
