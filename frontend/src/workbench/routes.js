export default [
  {
    path: '/workbench',
    component: () => import('./pages/WorkbenchLayout.vue'),
    meta: { auth: 'STAFF', permission: ['task:work', 'task:supervise'] },
    children: [
      { path: '', component: () => import('./pages/TaskListPage.vue'), meta: { title: 'workbench.title' } },
      {
        path: 'tasks/:taskId',
        component: () => import('./pages/TaskPage.vue'),
        props: true,
        meta: { title: 'task.title' },
      },
      {
        path: 'applications/:no',
        component: () => import('./pages/ApplicationViewPage.vue'),
        props: true,
        meta: { title: 'appView.readOnly' },
      },
      {
        path: 'supervision',
        component: () => import('./pages/SupervisionPage.vue'),
        meta: { title: 'supervision.title', permission: ['supervision:read'] },
      },
      {
        path: 'cards',
        component: () => import('./pages/CardsPage.vue'),
        meta: { title: 'cards.title', permission: ['supervision:read'] },
      },
      {
        path: 'rectifications',
        component: () => import('./pages/RectificationsPage.vue'),
        meta: { title: 'rectify.title', permission: ['task:supervise'] },
      },
    ],
  },
]
