import { createRouter, createWebHistory } from 'vue-router'
import { useSessionStore } from '@/shared/stores/session.js'
import portalRoutes from '@/portal/routes.js'
import workbenchRoutes from '@/workbench/routes.js'
import adminRoutes from '@/admin/routes.js'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    ...portalRoutes,
    ...workbenchRoutes,
    ...adminRoutes,
    { path: '/login', component: () => import('@/shared/pages/LoginPage.vue'), meta: { title: 'login.title' } },
    { path: '/register', component: () => import('@/shared/pages/RegisterPage.vue'), meta: { title: 'register.title' } },
    {
      path: '/forgot-password',
      component: () => import('@/shared/pages/ForgotPasswordPage.vue'),
      meta: { title: 'reset.forgotTitle' },
    },
    {
      path: '/reset-password',
      component: () => import('@/shared/pages/ResetPasswordPage.vue'),
      meta: { title: 'reset.title' },
    },
    {
      path: '/password',
      component: () => import('@/shared/pages/ChangePasswordPage.vue'),
      meta: { title: 'passwordChange.title', loggedIn: true },
    },
    {
      path: '/:pathMatch(.*)*',
      component: () => import('@/shared/pages/NotFoundPage.vue'),
      meta: { title: 'notFound.title' },
    },
  ],
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
})

// meta.auth names the account kind a page is for; others log in first or go to their own home.
// meta.permission lists permissions of which one is needed; without any the page is not offered (the server
// refuses too) and the portal home, which needs nothing, is shown instead.
// An account whose password an administrator set changes it before anything else (the server insists too).
router.beforeEach(async (to) => {
  if (!to.meta.auth && !to.meta.loggedIn) return true
  const session = useSessionStore()
  const me = await session.ensureLoaded().catch(() => null)
  if (!me) return { path: '/login', query: { redirect: to.fullPath } }
  if (to.meta.loggedIn) return true
  if (me.mustChangePassword) return { path: '/password', query: { redirect: to.fullPath } }
  if (me.kind !== to.meta.auth) return session.homePath
  const needed = to.meta.permission
  if (needed && !needed.some((p) => session.can(p))) return '/'
  return true
})
