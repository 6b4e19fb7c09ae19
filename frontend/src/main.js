import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './shared/styles/theme.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n, restoreLocale } from './shared/i18n/index.js'
import { applyDisplayPrefs } from './shared/composables/useDisplayPrefs.js'

applyDisplayPrefs()

restoreLocale().finally(() => {
  document.documentElement.lang = i18n.global.locale.value
  createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
})

// The installable app (PWA): public/sw.js keeps the shell and recently read guides for offline use. Not in
// `npm run dev`, where Vite serves unhashed modules that a cache would keep stale.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}))
}
