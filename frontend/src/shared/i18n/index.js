import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'
import { readStored, store } from '../storage.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'yiwang.locale'

function initialLocale() {
  const saved = readStored(STORAGE_KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale) {
  i18n.global.locale.value = locale
  store(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
