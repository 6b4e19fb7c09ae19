import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export const PAGE_SIZE = 10

function text(value) {
  return typeof value === 'string' ? value.trim() : ''
}

// The search lives in the URL (/search?q=&level=&type=&audience=&agencyId=&event=&regionCode=&page=), so results can be
// linked, bookmarked and walked back through.
export function useCatalogQuery() {
  const route = useRoute()
  const router = useRouter()

  const query = computed(() => ({
    q: text(route.query.q),
    level: text(route.query.level),
    type: text(route.query.type),
    audience: text(route.query.audience),
    agencyId: text(route.query.agencyId),
    event: text(route.query.event),
    regionCode: text(route.query.regionCode),
    page: Math.max(1, Number.parseInt(route.query.page, 10) || 1),
    size: Math.min(50, Math.max(1, Number.parseInt(route.query.size, 10) || PAGE_SIZE)),
  }))

  // Any change but a page turn starts again at page 1.
  function update(patch) {
    const next = { ...query.value, page: 1, ...patch }
    const cleaned = Object.fromEntries(
      Object.entries(next).filter(
        ([key, value]) => value !== '' && !(key === 'page' && value === 1) && !(key === 'size' && value === PAGE_SIZE),
      ),
    )
    router.push({ path: '/search', query: cleaned })
  }

  return { query, update }
}
