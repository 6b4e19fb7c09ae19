const CatalogSearchPage = () => import('./pages/CatalogSearchPage.vue')
const UnderConstructionPage = () => import('@/shared/pages/UnderConstructionPage.vue')

export default [
  { path: '/', component: CatalogSearchPage, props: { hero: true }, meta: { catalogSearch: true } },
  {
    path: '/search',
    component: CatalogSearchPage,
    props: { hero: false },
    meta: { catalogSearch: true, title: 'search.allItems' },
  },
  {
    path: '/items/:code',
    component: () => import('./pages/ItemGuidePage.vue'),
    props: true,
    meta: { title: 'guide.title' },
  },
  {
    path: '/apply/:code',
    component: UnderConstructionPage,
    props: { page: 'apply' },
    meta: { auth: 'APPLICANT', title: 'placeholder.pages.apply' },
  },
  {
    path: '/me',
    component: UnderConstructionPage,
    props: { page: 'me' },
    meta: { auth: 'APPLICANT', title: 'placeholder.pages.me' },
  },
  {
    path: '/progress',
    component: UnderConstructionPage,
    props: { page: 'progress' },
    meta: { title: 'placeholder.pages.progress' },
  },
  {
    path: '/verify',
    component: UnderConstructionPage,
    props: { page: 'verify' },
    meta: { title: 'placeholder.pages.verify' },
  },
]
