import { onBeforeUnmount, ref } from 'vue'

// True while the viewport is phone-sized, for components whose layout is set by props rather than CSS.
export function useNarrow(query = '(max-width: 640px)') {
  const media = window.matchMedia(query)
  const narrow = ref(media.matches)
  const update = (event) => {
    narrow.value = event.matches
  }
  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return narrow
}
