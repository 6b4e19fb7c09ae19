export default [
  {
    path: '/admin/:rest(.*)*',
    component: () => import('@/shared/pages/UnderConstructionPage.vue'),
    props: { page: 'admin' },
    meta: { auth: 'STAFF', title: 'placeholder.pages.admin' },
  },
]
