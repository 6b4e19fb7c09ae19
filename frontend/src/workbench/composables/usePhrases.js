import { ref, watch } from 'vue'
import { i18n } from '@/shared/i18n/index.js'

// Each kind of step has its own phrases: acceptance, review and decision opinions differ. Steps of other kinds
// (countersign, preliminary review) take the review phrases, instant steps the decision phrases.
const KIND_OF_STEP = { accept: 'accept', review: 'review', countersign: 'review', preliminary: 'review', decide: 'decide', instant: 'decide' }
const libraries = {}

function initial(kind) {
  try {
    const saved = JSON.parse(localStorage.getItem(`yiwang.phrases.${kind}`))
    if (Array.isArray(saved)) return saved.filter((p) => typeof p === 'string')
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return [...i18n.global.tm(`opinion.defaults.${kind}`)].map((p) => i18n.global.rt(p))
}

function library(kind) {
  if (!libraries[kind]) {
    const phrases = ref(initial(kind))
    // One library a kind for every task page of this browser, so a phrase added on one task is there on the next.
    watch(phrases, (list) => localStorage.setItem(`yiwang.phrases.${kind}`, JSON.stringify(list)), { deep: true })
    libraries[kind] = phrases
  }
  return libraries[kind]
}

// The clerk's own common opinions (常用意见) for a kind of step, kept in this browser.
export function usePhrases(stepKind) {
  const phrases = library(KIND_OF_STEP[stepKind] || 'review')
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
