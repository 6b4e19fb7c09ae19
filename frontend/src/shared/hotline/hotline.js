// The 12345 hotline's shared bits: its types and classes (cached once), the clock's colours and the state tags.
import { api } from '@/shared/api.js'

let meta = null
export function hotlineMeta() {
  if (!meta) meta = api.get('/hotline/classes').catch((error) => ((meta = null), Promise.reject(error)))
  return meta
}

// The three-level classification as el-cascader options (value: the six-digit code).
export function classOptions(classes) {
  const byCode = new Map(classes.map((c) => [c.code, { value: c.code, label: c.name, children: [] }]))
  const roots = []
  for (const c of classes) {
    const node = byCode.get(c.code)
    if (c.parentCode && byCode.has(c.parentCode)) byCode.get(c.parentCode).children.push(node)
    else roots.push(node)
  }
  const prune = (n) => (n.children.length ? n.children.forEach(prune) : delete n.children)
  roots.forEach(prune)
  return roots
}

export const CLOCK_TAGS = { GREEN: 'success', YELLOW: 'warning', RED: 'danger' }
export const STATE_TAGS = {
  NEW: 'info',
  DISPATCHED: 'warning',
  SIGNED: 'primary',
  RETURNED: 'danger',
  ESCALATED: 'danger',
  REPLIED: 'success',
  ANSWERED: 'success',
  CLOSED: 'success',
  MERGED: 'info',
}
