export default [
  {
    path: '/workbench/:rest(.*)*',
    component: () => import('@/shared/pages/UnderConstructionPage.vue'),
    props: { page: 'workbench' },
    meta: { auth: 'STAFF', title: 'placeholder.pages.workbench' },
  },
]
