import { reactive } from 'vue'

// Messages of 400 problems that name a `parameter`, for el-form-item :error next to that field.
export function useFieldErrors(fields) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  return {
    errors,
    clear() {
      fields.forEach((f) => (errors[f] = ''))
    },
    // True when the problem was placed at a field; otherwise the caller reports it.
    place(error) {
      const field = error.parameter
      if (error.status !== 400 || !fields.includes(field)) return false
      errors[field] = error.detail || error.title
      return true
    },
  }
}
