import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// Counts searches so that a slow earlier answer never overwrites a later one.
let searchSeq = 0
let facetSeq = 0
let eventsPending = null

export const useCatalogStore = defineStore('catalog', {
  state: () => ({
    results: { items: [], total: 0, page: 1, size: 10 },
    searching: false,
    facets: { byType: {}, byLevel: {} },
    lifeEvents: [],
    item: null,
    itemLoading: false,
    itemMissing: false,
  }),
  actions: {
    async search(params) {
      const seq = ++searchSeq
      this.searching = true
      try {
        const answer = await api.get('/catalog/items', params)
        if (seq === searchSeq) this.results = answer
      } finally {
        if (seq === searchSeq) this.searching = false
      }
    },
    // Counts by type and level for the same filters, for the filter chips (near= does not change counts).
    async loadFacets({ q, level, type, audience, agencyId, regionCode, event }) {
      const seq = ++facetSeq
      const answer = await api.get('/catalog/facets', { q, level, type, audience, agencyId, regionCode, event })
      if (seq === facetSeq) this.facets = { byType: answer?.byType || {}, byLevel: answer?.byLevel || {} }
    },
    // Life events (出生, 上学 …) with their item counts; asked once.
    loadLifeEvents() {
      if (this.lifeEvents.length) return Promise.resolve(this.lifeEvents)
      eventsPending ||= api
        .get('/catalog/life-events')
        .then((events) => (this.lifeEvents = events || []))
        .finally(() => {
          eventsPending = null
        })
      return eventsPending
    },
    async loadItem(code) {
      this.itemLoading = true
      this.itemMissing = false
      this.item = null
      try {
        this.item = await api.get(`/catalog/items/${encodeURIComponent(code)}`)
      } catch (error) {
        if (error.status !== 404) throw error
        this.itemMissing = true
      } finally {
        this.itemLoading = false
      }
    },
  },
})
