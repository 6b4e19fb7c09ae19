import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

export const VIEWS = ['todo', 'done', 'cc', 'all']
const POLL_MS = 30_000
let timer = null

// How many tasks each view holds (the tabs and the menu badge), with the to-do count kept fresh by polling.
export const useTaskCountStore = defineStore('taskCounts', {
  state: () => ({ counts: { todo: null, done: null, cc: null, all: null } }),
  actions: {
    async refresh(view) {
      const answer = await api.get('/workbench/tasks', { view, page: 1, size: 1 })
      this.counts[view] = answer.totalCapped ? `${answer.total}+` : answer.total
    },
    // Polls only while the tab is visible; a failed poll keeps the last count.
    startPolling() {
      this.stopPolling()
      const tick = () => {
        if (document.visibilityState === 'visible') this.refresh('todo').catch(() => {})
      }
      tick()
      timer = setInterval(tick, POLL_MS)
    },
    stopPolling() {
      clearInterval(timer)
      timer = null
    },
  },
})
