// Display forms of the API's values. The API sends dates ("2026-10-16") and times with their offset
// ("2026-09-30T12:06:00+08:00"). Every time is shown as Beijing time, the platform's zone, wherever the browser
// is: the time of the case as the office, the licence and the timeline print it. Format every date and time
// through these two functions.
const PLATFORM_ZONE = 'Asia/Shanghai'
const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: PLATFORM_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

// The parts of a time that carries an offset (or Z), in the platform's zone; null for a date or a local time.
function platformParts(value) {
  const text = String(value)
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text.slice(10))) return null
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) return null
  return Object.fromEntries(PARTS.formatToParts(at).map((p) => [p.type, p.value]))
}

export function formatDateTime(value) {
  if (!value) return ''
  const p = platformParts(value)
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(value).replace('T', ' ').slice(0, 16)
}

export function formatDate(value) {
  if (!value) return ''
  const p = platformParts(value)
  return p ? `${p.year}-${p.month}-${p.day}` : String(value).slice(0, 10)
}

export function formatSize(bytes) {
  if (bytes === null || bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

// A v4 UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere.
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
