import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import { readStored, store } from '../storage.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'yiwang.locale'
// Chinese is in the first load; English, which few visitors choose, is fetched when chosen.
const LOADERS = { en: () => import('./en.js') }

function initialLocale() {
  const saved = readStored(STORAGE_KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
})

async function loadMessages(locale) {
  if (!i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, (await LOADERS[locale]()).default)
  }
}

export async function setLocale(locale) {
  await loadMessages(locale)
  i18n.global.locale.value = locale
  store(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** The language the visitor chose last time, loaded before the app first renders. */
export function restoreLocale() {
  const locale = initialLocale()
  return locale === 'zh-CN' ? Promise.resolve() : setLocale(locale).catch(() => {})
}
