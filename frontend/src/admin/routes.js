import { useSessionStore } from '@/shared/stores/session.js'

const StaffPage = () => import('./pages/StaffPage.vue')
const AuditPage = () => import('./pages/AuditPage.vue')
const ModelsPage = () => import('./pages/ModelsPage.vue')
const ItemsPage = () => import('./pages/ItemsPage.vue')
const FormsPage = () => import('./pages/FormsPage.vue')

// The admin pages and the permission each needs; /admin opens the first one the account may use.
export const ADMIN_PAGES = [
  { path: 'staff', label: 'admin.staff', permission: 'staff:manage', component: StaffPage },
  { path: 'audit', label: 'admin.audit', permission: 'audit:read', component: AuditPage },
  { path: 'items', label: 'admin.items', permission: 'item:edit', component: ItemsPage },
  { path: 'forms', label: 'admin.forms', permission: 'item:edit', component: FormsPage },
  { path: 'models', label: 'admin.models', permission: 'model:edit', component: ModelsPage },
]

export default [
  {
    path: '/admin',
    component: () => import('./pages/AdminLayout.vue'),
    meta: { auth: 'STAFF' },
    children: [
      {
        path: '',
        component: StaffPage,
        beforeEnter: () => {
          const session = useSessionStore()
          const first = ADMIN_PAGES.find((page) => session.can(page.permission))
          return first ? `/admin/${first.path}` : '/'
        },
      },
      ...ADMIN_PAGES.map((page) => ({
        path: page.path,
        component: page.component,
        meta: { title: page.label, permission: [page.permission] },
      })),
      {
        path: 'items/:code',
        component: () => import('./pages/ItemEditorPage.vue'),
        props: true,
        meta: { title: 'admin.items', permission: ['item:edit'] },
      },
      {
        path: 'models/:id(\\d+)',
        component: () => import('./pages/ModelerPage.vue'),
        props: true,
        meta: { title: 'admin.models', permission: ['model:edit'] },
      },
    ],
  },
]
