import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// The applicant's unread message count for the header badge, live while the page is open: the server streams it
// (GET /notifications/events), so a pushed message (智能推送) shows at once; without a stream it is polled every
// 60 s while the page is visible. `arrived` counts messages that came while the page was open, for a notice.
const POLL_MS = 60_000
let timer = null
let events = null

export const useNotificationsStore = defineStore('notifications', {
  state: () => ({ unread: 0, arrived: 0, started: false }),
  actions: {
    async refresh() {
      if (document.visibilityState === 'hidden') return
      try {
        this.counted((await api.get('/notifications/unread'))?.unread || 0)
      } catch {
        // a lost session or network: keep the last count; the next poll tries again
      }
    },
    counted(unread) {
      if (unread > this.unread && this.started) this.arrived += unread - this.unread
      this.unread = unread
      this.started = true
    },
    start() {
      if (timer || events) return
      this.started = false
      if (typeof EventSource === 'undefined') {
        this.startPolling()
        return
      }
      events = new EventSource('/api/v1/notifications/events')
      events.addEventListener('unread', (e) => this.counted(Number(e.data)))
      // The browser reconnects by itself when a stream ends; only a refused one (closed for good) falls back.
      events.onerror = () => {
        if (events?.readyState === EventSource.CLOSED) {
          events = null
          this.startPolling()
        }
      }
    },
    startPolling() {
      this.refresh()
      timer = setInterval(() => this.refresh(), POLL_MS)
      document.addEventListener('visibilitychange', onVisible)
    },
    stop() {
      events?.close()
      events = null
      clearInterval(timer)
      timer = null
      document.removeEventListener('visibilitychange', onVisible)
      this.unread = 0
      this.arrived = 0
    },
    markedRead() {
      this.unread = Math.max(0, this.unread - 1)
    },
  },
})

function onVisible() {
  if (document.visibilityState === 'visible') useNotificationsStore().refresh()
}
