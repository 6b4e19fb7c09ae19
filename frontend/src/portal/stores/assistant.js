import { defineStore } from 'pinia'
import { api } from '@/shared/api.js'

// The conversation with the assistant (智能客服), kept while the resident moves between portal pages.
export const useAssistantStore = defineStore('assistant', {
  state: () => ({ open: false, asking: false, turns: [] }),
  actions: {
    async ask(question, regionCode) {
      const text = question.trim()
      if (!text || this.asking) return
      this.turns.push({ role: 'user', text })
      this.asking = true
      try {
        const answer = await api.post('/assistant/ask', { question: text, regionCode: regionCode || undefined })
        this.turns.push({ role: 'assistant', text: answer.answer, answer })
      } catch (error) {
        this.turns.push({ role: 'assistant', text: error.detail || error.message, error: true })
      } finally {
        this.asking = false
      }
    },
  },
})
