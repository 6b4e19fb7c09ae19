import { computed, ref, unref, watch } from 'vue'
import { api } from '@/shared/api.js'
import { userTasks } from '@/shared/bpmn.js'

// A case's process diagram ({xml, completed, active}) and the user steps it has been through, for the viewer
// and for choosing where to return a case to (退回). applicationNo may be a ref; a failure leaves error set.
export function useDiagram(applicationNo) {
  const diagram = ref(null)
  const error = ref(null)

  async function load() {
    const no = unref(applicationNo)
    diagram.value = null
    error.value = null
    if (!no) return
    try {
      diagram.value = await api.get(`/applications/${encodeURIComponent(no)}/diagram`)
    } catch (e) {
      error.value = e
    }
  }
  watch(() => unref(applicationNo), load, { immediate: true })

  const steps = computed(() => {
    if (!diagram.value) return []
    let tasks
    try {
      tasks = userTasks(diagram.value.xml)
    } catch {
      return []
    }
    const completed = new Set(diagram.value.completed || [])
    return tasks.filter((step) => completed.has(step.id))
  })

  return { diagram, error, steps, reload: load }
}
