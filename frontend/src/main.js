import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './shared/styles/theme.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n } from './shared/i18n/index.js'
import { applyDisplayPrefs } from './shared/composables/useDisplayPrefs.js'

document.documentElement.lang = i18n.global.locale.value
applyDisplayPrefs()

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
