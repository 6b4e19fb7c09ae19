const CatalogSearchPage = () => import('./pages/CatalogSearchPage.vue')

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
    component: () => import('./pages/ApplyPage.vue'),
    props: true,
    meta: { auth: 'APPLICANT', title: 'apply.title' },
  },
  {
    path: '/me',
    component: () => import('./pages/MyApplicationsPage.vue'),
    meta: { auth: 'APPLICANT', title: 'nav.myApplications' },
  },
  {
    path: '/me/messages',
    component: () => import('./pages/MessagesPage.vue'),
    meta: { auth: 'APPLICANT', title: 'messages.title' },
  },
  {
    path: '/me/licenses',
    component: () => import('./pages/LicensesPage.vue'),
    meta: { auth: 'APPLICANT', title: 'wallet.title' },
  },
  {
    path: '/me/applications/:no',
    component: () => import('./pages/ApplicationDetailPage.vue'),
    props: true,
    meta: { auth: 'APPLICANT', title: 'detail.title' },
  },
  { path: '/hotline', component: () => import('./pages/HotlinePage.vue'), meta: { title: 'hotline.portalTitle' } },
  {
    path: '/me/hotline',
    component: () => import('./pages/MyHotlinePage.vue'),
    meta: { auth: 'APPLICANT', title: 'hotline.mine' },
  },
  {
    path: '/bundles',
    component: () => import('./pages/BundleListPage.vue'),
    meta: { title: 'bundle.title' },
  },
  {
    path: '/bundles/:code',
    component: () => import('./pages/BundleApplyPage.vue'),
    props: true,
    meta: { auth: 'APPLICANT', title: 'bundle.title' },
  },
  {
    path: '/me/bundles',
    component: () => import('./pages/MyBundlesPage.vue'),
    meta: { auth: 'APPLICANT', title: 'bundle.mine' },
  },
  {
    path: '/me/bundles/:no',
    component: () => import('./pages/BundleCasePage.vue'),
    props: true,
    meta: { auth: 'APPLICANT', title: 'bundle.mine' },
  },
  {
    path: '/progress',
    component: () => import('./pages/ProgressPage.vue'),
    meta: { title: 'nav.progress' },
  },
  {
    path: '/verify',
    component: () => import('./pages/VerifyPage.vue'),
    meta: { title: 'verify.title' },
  },
  // Pages other portals may frame (public/embed.js): no header or footer (App.vue), frameable by the server's CSP.
  {
    path: '/embed/search',
    component: () => import('./pages/EmbedSearchPage.vue'),
    meta: { embed: true, title: 'embed.searchTitle' },
  },
  {
    path: '/embed/progress',
    component: () => import('./pages/ProgressPage.vue'),
    meta: { embed: true, title: 'nav.progress' },
  },
]
