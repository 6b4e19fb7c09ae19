import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// Counts searches so that a slow earlier answer never overwrites a later one.
let searchSeq = 0

export const useCatalogStore = defineStore('catalog', {
  state: () => ({
    results: { items: [], total: 0, page: 1, size: 10 },
    searching: false,
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
