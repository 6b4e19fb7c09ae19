import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// 智能推送: the items the applicant follows; a change of a followed item's guide arrives in the message centre.
const path = (code) => `/push/subscriptions/${encodeURIComponent(code)}`

export const usePushStore = defineStore('push', {
  state: () => ({ following: {}, busy: false }),
  actions: {
    async load(code) {
      const answer = await api.get(path(code))
      this.following[code] = Boolean(answer?.following)
    },
    async toggle(code) {
      this.busy = true
      try {
        const answer = this.following[code] ? await api.delete(path(code)) : await api.put(path(code), {})
        this.following[code] = Boolean(answer?.following)
      } finally {
        this.busy = false
      }
    },
  },
})
