import { useSessionStore } from '@/shared/stores/session.js'

export default [
  {
    path: '/workbench',
    component: () => import('./pages/WorkbenchLayout.vue'),
    meta: { auth: 'STAFF', permission: ['task:work', 'task:supervise', 'hotline:intake'] },
    children: [
      {
        path: '',
        component: () => import('./pages/TaskListPage.vue'),
        meta: { title: 'workbench.title' },
        // The hotline centre's staff have no case tasks: their workbench opens on the tickets.
        beforeEnter: () => {
          const session = useSessionStore()
          return session.can('task:work') || session.can('task:supervise') ? true : '/workbench/hotline'
        },
      },
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
        path: 'supervision/cases',
        component: () => import('./pages/SupervisionCasesPage.vue'),
        meta: { title: 'drill.menu', permission: ['supervision:read'] },
      },
      {
        path: 'supervision/cases/:no',
        component: () => import('./pages/SupervisionCasePage.vue'),
        props: true,
        meta: { title: 'stepClock.menu', permission: ['supervision:read'] },
      },
      {
        path: 'assessment',
        component: () => import('./pages/AssessmentPage.vue'),
        meta: { title: 'assessment.title', permission: ['supervision:read'] },
      },
      {
        path: 'cards',
        component: () => import('./pages/CardsPage.vue'),
        meta: { title: 'cards.title', permission: ['supervision:read'] },
      },
      {
        path: 'hotline',
        component: () => import('./pages/HotlinePage.vue'),
        meta: { title: 'hotline.board', permission: ['hotline:intake', 'hotline:handle', 'hotline:supervise'] },
      },
      {
        path: 'knowledge',
        component: () => import('./pages/KnowledgePage.vue'),
        meta: { title: 'knowledge.admin', permission: ['hotline:dispatch', 'hotline:handle'] },
      },
      {
        path: 'rectifications',
        component: () => import('./pages/RectificationsPage.vue'),
        meta: { title: 'rectify.title', permission: ['task:supervise'] },
      },
    ],
  },
]
