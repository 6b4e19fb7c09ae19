import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// 智能搜索 (GET /search): one result per catalogue entry with its places, the resident's place first.
// Counters keep a slow earlier answer from overwriting a later one.
let searchSeq = 0
let suggestSeq = 0

const EMPTY = { items: [], total: 0, page: 1, size: 10, expandedWith: [], didYouMean: null, lifeEvents: [] }

export const useSearchStore = defineStore('search', {
  state: () => ({ results: { ...EMPTY }, searching: false, suggestions: [] }),
  actions: {
    async search({ q, regionCode, audience, page, size }) {
      const seq = ++searchSeq
      this.searching = true
      try {
        const answer = await api.get('/search', { q, regionCode, audience, page, size })
        if (seq === searchSeq) this.results = { ...EMPTY, ...answer }
      } finally {
        if (seq === searchSeq) this.searching = false
      }
    },
    // Names completing what is being typed; a failed or outdated answer just leaves no suggestions.
    async suggest(q) {
      const seq = ++suggestSeq
      if (!q) {
        this.suggestions = []
        return
      }
      try {
        const answer = await api.get('/search/suggest', { q })
        if (seq === suggestSeq) this.suggestions = answer?.suggestions || []
      } catch {
        if (seq === suggestSeq) this.suggestions = []
      }
    },
    clearSuggestions() {
      suggestSeq++
      this.suggestions = []
    },
  },
})
