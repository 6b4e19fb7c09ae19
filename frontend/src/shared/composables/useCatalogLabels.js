import { useI18n } from 'vue-i18n'

// Labels for the catalogue's codes in the current language, falling back to what the server sent.
export function useCatalogLabels() {
  const { t, te } = useI18n()
  const label = (key, fallback) => (te(key) ? t(key) : (fallback ?? ''))
  return {
    typeLabel: (item) => label(`catalog.type.${item.type}`, item.typeName),
    levelLabel: (level) => label(`catalog.level.${level}`, level),
    caseKindLabel: (kind) => label(`catalog.caseKind.${kind}`, kind),
    audienceLabel: (audience) => label(`catalog.audience.${audience}`, audience),
    onlineDepthLabel: (depth) => label(`catalog.onlineDepth.${depth}`, depth),
    materialFormLabel: (form) => label(`guide.formKind.${form}`, form),
    workingDays: (n) => (n === null || n === undefined ? '' : t('catalog.workingDays', { n })),
    visitsLabel: (n) => (n === 0 ? t('catalog.noVisit') : t('catalog.visits', { n })),
  }
}
