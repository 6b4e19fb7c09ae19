// The portal's service worker, written by hand (no build plugin, nothing fetched from elsewhere). It keeps the
// app's shell and the guides read recently, so that the installed app opens and shows them without a network.
// Only same-origin GETs are handled; everything else, and every API call but the public guides, goes to the
// network untouched, so no personal data is kept in the cache.
const VERSION = 'yiwang-v1'
const SHELL = `${VERSION}-shell`
const GUIDES = `${VERSION}-guides`
const GUIDES_KEPT = 30
const SHELL_FILES = ['/', '/manifest.json', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png']

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !k.startsWith(VERSION)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

// A public guide of one item (GET /api/v1/catalog/items/{code}, …/guide, …/process).
const GUIDE = /^\/api\/v1\/catalog\/items\/[^/]+(\/guide|\/process)?$/

async function networkFirst(request, cacheName, keep) {
  const cache = await caches.open(cacheName)
  try {
    const response = await fetch(request)
    if (response.ok) {
      await cache.put(request, response.clone())
      if (keep) {
        const keys = await cache.keys()
        await Promise.all(keys.slice(0, Math.max(0, keys.length - keep)).map((k) => cache.delete(k)))
      }
    }
    return response
  } catch (offline) {
    const cached = await cache.match(request)
    if (cached) return cached
    throw offline
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    // Pages are the one index.html; offline, the cached shell opens and the router shows the page.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) caches.open(SHELL).then((cache) => cache.put('/', response.clone()))
          return response
        })
        .catch(() => caches.match('/', { cacheName: SHELL })),
    )
  } else if (url.pathname.startsWith('/assets/')) {
    // Vite names these by their content's hash: a cached one never changes.
    event.respondWith(cacheFirst(request))
  } else if (GUIDE.test(url.pathname)) {
    event.respondWith(networkFirst(request, GUIDES, GUIDES_KEPT))
  }
})
