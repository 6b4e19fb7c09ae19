import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'
import { readStored, store } from '@/shared/storage.js'

// 办事地点: the applicant's place (a city/county, township or village code), chosen once and kept in
// localStorage; without a choice, a logged-in applicant's own regionCode. Searches pass it as near=.
const STORAGE_KEY = 'yiwang.place'
const PROVINCE = '46'

function saved() {
  return readStored(STORAGE_KEY) || ''
}

export const usePlaceStore = defineStore('place', {
  state: () => ({ code: saved(), chosen: Boolean(saved()), path: [] }),
  getters: {
    // The regions below the province, e.g. [乐东黎族自治县, 抱由镇, 某村].
    names: (state) => state.path.filter((r) => r.code !== PROVINCE).map((r) => r.name),
    name() {
      return this.names.at(-1) || ''
    },
    fullName() {
      return this.names.join(' / ')
    },
  },
  actions: {
    async loadPath() {
      if (!this.code) {
        this.path = []
        return
      }
      const code = this.code
      const answer = await api.get(`/regions/${encodeURIComponent(code)}`)
      if (this.code === code) this.path = answer.path || []
    },
    // Sets a remembered choice; an empty code forgets it.
    async choose(code) {
      this.code = code || ''
      this.chosen = Boolean(code)
      store(STORAGE_KEY, code || '')
      await this.loadPath()
    },
    // The applicant's own place, unless a place was chosen.
    async defaultTo(regionCode) {
      if (this.chosen || !regionCode || this.code === regionCode) return
      this.code = regionCode
      await this.loadPath()
    },
  },
})
