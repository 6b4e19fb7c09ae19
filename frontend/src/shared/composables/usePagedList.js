import { reactive, ref } from 'vue'

// One page of a paged API answer ({items, total, page, size}, totalCapped when the server stopped counting at total);
// a slow earlier answer never overwrites a later one.
export function usePagedList(fetchPage, { size = 10 } = {}) {
  const state = reactive({ items: [], total: 0, totalCapped: false, page: 1, size })
  const loading = ref(false)
  let seq = 0

  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await fetchPage({ page: state.page, size: state.size })
      if (mine === seq) {
        state.items = answer.items || []
        state.total = answer.total || 0
        state.totalCapped = answer.totalCapped === true
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function goTo(page) {
    state.page = page
    return load()
  }

  return { state, loading, load, goTo, reload: () => goTo(1) }
}
