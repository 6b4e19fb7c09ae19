import { ref } from 'vue'
import { readStored, store } from '../storage.js'

// 无障碍 display settings: large text and high contrast, kept in localStorage and applied as classes on <html>
// (theme.css turns them into CSS variables, Element Plus's included), so they hold on every page and reload.
const KEY = 'yiwang.display'
const CLASSES = { largeText: 'yw-large-text', highContrast: 'yw-high-contrast' }

function stored() {
  try {
    return JSON.parse(readStored(KEY)) || {}
  } catch {
    return {}
  }
}

const prefs = ref({ largeText: false, highContrast: false, ...stored() })

// Called once before the app mounts, so the first paint already has the chosen look.
export function applyDisplayPrefs() {
  for (const [name, className] of Object.entries(CLASSES)) {
    document.documentElement.classList.toggle(className, Boolean(prefs.value[name]))
  }
}

export function useDisplayPrefs() {
  function toggle(name) {
    prefs.value = { ...prefs.value, [name]: !prefs.value[name] }
    store(KEY, JSON.stringify(prefs.value))
    applyDisplayPrefs()
  }
  return { prefs, toggle }
}
