import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  plugins: [
    vue(),
    // Registers only the Element Plus components the templates use; the stylesheet is imported once in main.js.
    Components({ dirs: [], resolvers: [ElementPlusResolver({ importStyle: false })] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    // Maven packs target/classes into the jar; Spring Boot serves classpath:/static at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  // `npm run dev` and `vite preview` forward /api to a backend: YIWANG_API_URL, else http://localhost:8080.
  server: {
    proxy: { '/api': process.env.YIWANG_API_URL || 'http://localhost:8080' },
  },
})
