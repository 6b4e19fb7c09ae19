import { ref } from 'vue'
import { showError } from '@/shared/api.js'

// Which of a page's actions is running ('' when none), so that its button spins and the others wait; a failure is
// shown with the text of the i18n key `failure`.
export function useBusy(t) {
  const busy = ref('')
  async function run(kind, work, failure) {
    busy.value = kind
    try {
      await work()
    } catch (error) {
      showError(error, t(failure))
    } finally {
      busy.value = ''
    }
  }
  return { busy, run }
}
