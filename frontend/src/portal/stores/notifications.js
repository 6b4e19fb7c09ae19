import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// The applicant's unread message count for the header badge; polled every 60 s while the page is visible.
const POLL_MS = 60_000
let timer = null

export const useNotificationsStore = defineStore('notifications', {
  state: () => ({ unread: 0 }),
  actions: {
    async refresh() {
      if (document.visibilityState === 'hidden') return
      try {
        this.unread = (await api.get('/notifications/unread'))?.unread || 0
      } catch {
        // a lost session or network: keep the last count; the next poll tries again
      }
    },
    start() {
      if (timer) return
      this.refresh()
      timer = setInterval(() => this.refresh(), POLL_MS)
      document.addEventListener('visibilitychange', onVisible)
    },
    stop() {
      clearInterval(timer)
      timer = null
      document.removeEventListener('visibilitychange', onVisible)
      this.unread = 0
    },
    markedRead() {
      this.unread = Math.max(0, this.unread - 1)
    },
  },
})

function onVisible() {
  if (document.visibilityState === 'visible') useNotificationsStore().refresh()
}
