// Each kind of account lands on its own home after logging in through the UI: applicants on their
// applications, clerks on the workbench, administrators in the admin area.
import assert from 'node:assert/strict'
import { password } from './support.mjs'

const homes = [
  ['applicant', /^\/me$/],
  ['company', /^\/me$/],
  ['hk.accept', /^\/workbench/],
  ['supervisor', /^\/workbench/],
  ['admin', /^\/admin/],
]

export default async function loginHomes(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set')
  for (const [username, home] of homes) {
    const context = await ctx.newPage()
    await context.goto('/login')
    await context.locator('#login-username').fill(username)
    await context.locator('#login-password').fill(password)
    await context.getByRole('button', { name: '登录', exact: true }).click()
    await context.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 })
    const path = new URL(context.url()).pathname
    assert.match(path, home, `${username} landed on ${path}`)
    await ctx.screenshot(`home-${username}`, context)
  }
  await page.goto('/login')
  await ctx.axe('login')
}
