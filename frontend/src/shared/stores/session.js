import { defineStore } from 'pinia'
import { api, setCsrfToken } from '../api.js'

// Permissions that make a staff account's home the admin area rather than the workbench.
const ADMIN_PERMISSION = /^(admin:|staff:|item:edit)/

let pending = null

export const useSessionStore = defineStore('session', {
  state: () => ({ me: null, loaded: false }),
  getters: {
    loggedIn: (state) => state.me !== null,
    isApplicant: (state) => state.me?.kind === 'APPLICANT',
    isStaff: (state) => state.me?.kind === 'STAFF',
    // The auditor, who works no cases, reads the audit log in the admin area too.
    isAdmin: (state) => {
      const permissions = state.me?.permissions || []
      return (
        permissions.some((p) => ADMIN_PERMISSION.test(p)) ||
        (permissions.includes('audit:read') && !permissions.some((p) => p.startsWith('task:')))
      )
    },
    can: (state) => (permission) => (state.me?.permissions || []).includes(permission),
    homePath() {
      if (!this.me) return '/login'
      if (this.isApplicant) return '/me'
      return this.isAdmin ? '/admin' : '/workbench'
    },
  },
  actions: {
    async fetchMe() {
      try {
        this.me = await api.get('/auth/me')
      } catch (error) {
        if (error.status !== 401) throw error
        this.me = null
        setCsrfToken(null)
      } finally {
        this.loaded = true
      }
      return this.me
    },
    // The first caller asks the server; callers meanwhile and later reuse that answer.
    ensureLoaded() {
      if (this.loaded) return Promise.resolve(this.me)
      pending ||= this.fetchMe().finally(() => {
        pending = null
      })
      return pending
    },
    async login(username, password) {
      this.me = await api.post('/auth/login', { username, password })
      this.loaded = true
      return this.me
    },
    // A new applicant account is logged in at once.
    async register(registration) {
      this.me = await api.post('/auth/register', registration)
      this.loaded = true
      return this.me
    },
    async logout() {
      try {
        await api.post('/auth/logout')
      } finally {
        this.me = null
        setCsrfToken(null)
      }
    },
  },
})
