import { ref } from 'vue'

// 无障碍 display settings: large text and high contrast, kept in localStorage and applied as classes on <html>
// (theme.css turns them into CSS variables, Element Plus's included), so they hold on every page and reload.
const KEY = 'yiwang.display'
const CLASSES = { largeText: 'yw-large-text', highContrast: 'yw-high-contrast' }

function stored() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {}
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
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs.value))
    } catch {
      // Storage refused (private mode): the setting still holds for this page.
    }
    applyDisplayPrefs()
  }
  return { prefs, toggle }
}
