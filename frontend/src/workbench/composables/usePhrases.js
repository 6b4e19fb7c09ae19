import { ref, watch } from 'vue'
import { i18n } from '@/shared/i18n/index.js'

const STORAGE_KEY = 'yiwang.phrases'

function initial() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY))
    if (Array.isArray(saved)) return saved.filter((p) => typeof p === 'string')
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return [...i18n.global.tm('opinion.defaults')].map((p) => i18n.global.rt(p))
}

// One library for every task page of this browser, so a phrase added on one task is there on the next.
const phrases = ref(initial())
watch(phrases, (list) => localStorage.setItem(STORAGE_KEY, JSON.stringify(list)), { deep: true })

// The clerk's own common opinions (常用意见), kept in this browser.
export function usePhrases() {
  return {
    phrases,
    add(text) {
      const value = text.trim()
      if (value && !phrases.value.includes(value)) phrases.value.push(value)
    },
    remove(text) {
      phrases.value = phrases.value.filter((p) => p !== text)
    },
  }
}
