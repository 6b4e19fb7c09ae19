import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

export const VIEWS = ['todo', 'done', 'cc', 'all']
const POLL_MS = 30_000
let timer = null
let events = null

// How many tasks each view holds (the tabs and the menu badge). The to-do count is pushed by the server
// (server-sent events on /workbench/events); where that is unavailable or refused, it is polled instead.
export const useTaskCountStore = defineStore('taskCounts', {
  state: () => ({ counts: { todo: null, done: null, cc: null, all: null } }),
  actions: {
    async refresh(view) {
      const answer = await api.get('/workbench/tasks', { view, page: 1, size: 1 })
      this.counts[view] = answer.totalCapped ? `${answer.total}+` : answer.total
    },
    startLive() {
      this.stopLive()
      if (typeof EventSource === 'undefined') {
        this.startPolling()
        return
      }
      events = new EventSource('/api/v1/workbench/events')
      events.addEventListener('todo', (e) => {
        this.counts.todo = Number(e.data)
      })
      // The browser reconnects by itself when a stream ends; only a refused one (closed for good) falls back.
      events.onerror = () => {
        if (events?.readyState === EventSource.CLOSED) {
          events = null
          this.startPolling()
        }
      }
    },
    stopLive() {
      events?.close()
      events = null
      this.stopPolling()
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
