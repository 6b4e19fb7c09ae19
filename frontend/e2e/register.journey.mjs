// A new resident registers with a fresh 居民身份证号, is told where things are, logs out and logs in again.
import assert from 'node:assert/strict'
import { idCardCheckChar } from '../src/shared/identityNumbers.js'
import { step } from './support.mjs'

const PASSWORD = 'Resident-2026!'

// A valid number nobody has registered yet: 海口市美兰区, a random birth date in 1960–1999 and 顺序码.
function freshIdCard() {
  const pad = (n, width) => String(n).padStart(width, '0')
  const random = (n) => Math.floor(Math.random() * n)
  const body = `460108${1960 + random(40)}${pad(1 + random(12), 2)}${pad(1 + random(28), 2)}${pad(random(1000), 3)}`
  return body + idCardCheckChar(body)
}

// On a phone the header's links are behind the menu toggle.
async function headerControl(page, name) {
  const toggle = page.getByTestId('menu-toggle')
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  }
  return page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true })
}

export default async function register(page, ctx) {
  const id = freshIdCard()
  await step('open-register', page, ctx, async () => {
    await page.goto('/login')
    await page.getByRole('link', { name: '没有账户？立即注册' }).click()
    await page.waitForURL(/\/register$/)
    await page.getByRole('heading', { level: 1, name: '注册账户' }).waitFor()
  })

  await step('inline-validation', page, ctx, async () => {
    // The check character is computed in the browser, as the server does.
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    await page.locator('#register-id').fill(wrong)
    await page.locator('#register-name').click()
    await page.getByText('身份证号校验位不正确').waitFor()
    await page.locator('#register-password').fill('short')
    await page.locator('#register-phone').click()
    await page.getByText('密码至少需要 8 个字符').waitFor()
    await ctx.screenshot('inline-errors')
  })

  await step('register', page, ctx, async () => {
    await page.locator('#register-id').fill(id)
    await page.locator('#register-name').fill('陈新民')
    await page.locator('#register-phone').fill('13912340000')
    await page.locator('#register-email').fill('chen.xinmin@example.cn')
    await page.locator('#register-password').fill(PASSWORD)
    await page.locator('#register-confirm').fill(PASSWORD)
    await page.getByRole('button', { name: '注册', exact: true }).click()
    const hint = page.getByTestId('first-login-hint')
    await hint.waitFor()
    await hint.getByRole('heading', { level: 1, name: '欢迎，陈新民' }).waitFor()
    const text = await hint.innerText()
    for (const words of ['电子邮箱', '我的办件']) assert.ok(text.includes(words), `the first-login hint does not mention ${words}`)
    await ctx.screenshot('first-login-hint')
    await ctx.axe('first-login-hint')
  })

  await step('log-out', page, ctx, async () => {
    await (await headerControl(page, '退出登录')).click()
    await page.waitForURL((url) => url.pathname === '/')
  })

  await step('log-in', page, ctx, async () => {
    await page.goto('/login')
    await page.locator('#login-username').fill(id)
    await page.locator('#login-password').fill(PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(/\/me$/, { timeout: 15_000 })
  })
}
