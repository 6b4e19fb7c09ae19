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
