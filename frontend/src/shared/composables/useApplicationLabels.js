import { useI18n } from 'vue-i18n'

// Element Plus tag types that carry each status's meaning; the text always says it too.
const STATUS_TYPES = {
  DRAFT: 'info',
  SUBMITTED: 'primary',
  ACCEPTED: 'primary',
  NOT_ACCEPTED: 'danger',
  SUPPLEMENT_REQUIRED: 'warning',
  UNDER_REVIEW: 'primary',
  SUSPENDED: 'warning',
  APPROVED: 'success',
  REJECTED: 'danger',
  CONCLUDED: 'success',
  DELIVERED: 'success',
  WITHDRAWN: 'info',
}
// The states a submitted case can be in (DESIGN §4), in their usual order: the supervisor's state filter.
export const CASE_STATES = Object.keys(STATUS_TYPES).filter((status) => status !== 'DRAFT')
const CLOCK_TYPES = { GREEN: 'success', YELLOW: 'warning', RED: 'danger', SUSPENDED: 'info' }

// Names for an application's status, clock and remaining time in the current language; the server's name is the fallback.
export function useApplicationLabels() {
  const { t, te } = useI18n()
  return {
    statusLabel: (status, fallback) => (te(`status.${status}`) ? t(`status.${status}`) : fallback || status || ''),
    statusType: (status) => STATUS_TYPES[status] || 'info',
    clockLabel: (clock) => (te(`clock.${clock}`) ? t(`clock.${clock}`) : ''),
    clockType: (clock) => CLOCK_TYPES[clock] || 'info',
    remainingLabel(days) {
      if (days === null || days === undefined) return ''
      return days < 0 ? t('clock.overdue', { n: -days }) : t('clock.remaining', { n: days })
    },
  }
}
