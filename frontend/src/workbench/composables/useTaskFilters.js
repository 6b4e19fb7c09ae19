import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { CASE_STATES } from '@/shared/composables/useApplicationLabels.js'

export const CLOCKS = ['GREEN', 'YELLOW', 'RED', 'SUSPENDED']
export const LEVELS = ['PROVINCE', 'CITY_COUNTY', 'TOWNSHIP', 'VILLAGE']
const DAY = /^\d{4}-\d{2}-\d{2}$/

const text = (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
const oneOf = (list) => (v) => (list.includes(v) ? v : undefined)
const day = (v) => (typeof v === 'string' && DAY.test(v) ? v : undefined)
const id = (v) => (typeof v === 'string' && /^\d{1,18}$/.test(v) ? v : undefined)

// The workbench list's filters as the URL holds them, each checked so a hand-edited link cannot make the API
// refuse the page. 办件状态 and 单位 only narrow the supervisor's 全部; the 抄送 list takes no filter.
const FIELDS = {
  applicationNo: text,
  itemName: text,
  status: oneOf(CASE_STATES),
  clock: oneOf(CLOCKS),
  receivedFrom: day,
  receivedTo: day,
  level: oneOf(LEVELS),
  agencyId: id,
}
export const FILTER_KEYS = Object.keys(FIELDS)
const ALL_ONLY = new Set(['status', 'agencyId'])

export const filterApplies = (key, view) => view !== 'cc' && (view === 'all' || !ALL_ONLY.has(key))

export function useTaskFilters(view) {
  const route = useRoute()
  return computed(() =>
    Object.fromEntries(
      FILTER_KEYS.filter((key) => filterApplies(key, view.value))
        .map((key) => [key, FIELDS[key](route.query[key])])
        .filter(([, value]) => value !== undefined),
    ),
  )
}
