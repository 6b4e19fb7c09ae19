// localStorage that never throws: private mode, and third-party iframes (the /embed pages on another site),
// may refuse storage; the setting then lasts for the page only.
export function readStored(key) {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

// null or '' forgets the key.
export function store(key, value) {
  try {
    if (value === null || value === '') localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // refused: see above
  }
}
