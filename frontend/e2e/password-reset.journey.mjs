// 忘记密码: a resident who registered with a mobile number and no e-mail asks for a reset link, reads it in the
// text message (the demo profile's outbox stands in for the phone), sets a new password, and logs in with it;
// the old password no longer works.
import assert from 'node:assert/strict'
import { idCardCheckChar } from '../src/shared/identityNumbers.js'
import { password as demoPassword, step, toastsGone } from './support.mjs'

const OLD = 'Resident-2026!'
const NEW = 'Forgot-Reset-2027#'

const random = (n) => Math.floor(Math.random() * n)
const pad = (n, width) => String(n).padStart(width, '0')

// A valid number nobody has registered yet (海口市龙华区), and a mobile number of this run alone.
function freshResident() {
  const body = `460106${1960 + random(40)}${pad(1 + random(12), 2)}${pad(1 + random(28), 2)}${pad(random(1000), 3)}`
  return { id: body + idCardCheckChar(body), phone: `139${pad(random(1e8), 8)}` }
}

async function loginAttempt(page, id, secret) {
  await page.goto('/login')
  await page.locator('#login-username').fill(id)
  await page.locator('#login-password').fill(secret)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

export default async function passwordReset(page, ctx) {
  assert.ok(demoPassword, 'YIWANG_DEMO_PASSWORD is not set (the demo outbox is read with it)')
  const { id, phone } = freshResident()

  await step('register-by-api', page, ctx, async () => {
    const answer = await fetch(`${ctx.baseURL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idType: 'ID_CARD', idNumber: id, name: '符忘记', phone, password: OLD }),
    })
    assert.equal(answer.status, 201, await answer.text())
  })

  await step('request-link', page, ctx, async () => {
    await page.goto('/login')
    await page.getByRole('link', { name: '忘记密码？' }).click()
    await page.waitForURL(/\/forgot-password$/)
    await page.getByRole('heading', { level: 1, name: '找回密码' }).waitFor()
    await ctx.axe('forgot')
    await page.locator('#reset-account').fill(id)
    await page.getByRole('button', { name: '发送重置链接' }).click()
    await page.getByRole('status').getByText('重置链接已发送').waitFor()
    await ctx.screenshot('link-sent')
  })

  let resetPath
  await step('read-text-message', page, ctx, async () => {
    const answer = await fetch(`${ctx.baseURL}/api/v1/demo/outbox?phone=${phone}`, {
      headers: { 'X-Demo-Password': demoPassword },
    })
    assert.equal(answer.status, 200, await answer.clone().text())
    const [newest] = await answer.json()
    const link = newest?.text.match(/https?:\/\/\S+?(\/reset-password\?token=[A-Za-z0-9_-]{43})/)
    assert.ok(link, `no reset link in the text message: ${newest?.text}`)
    // The link names the configured public address; the journey opens the same path on the server under test.
    resetPath = link[1]
  })

  await step('set-new-password', page, ctx, async () => {
    await page.goto(resetPath)
    await page.getByRole('heading', { level: 1, name: '重置密码' }).waitFor()
    await page.locator('#reset-password').fill('weakpass')
    await page.locator('#reset-confirm').click()
    await page.getByText('密码需包含小写字母、大写字母、数字、其他符号中的至少三类').waitFor()
    await page.locator('#reset-password').fill(NEW)
    await page.locator('#reset-confirm').fill(NEW)
    await page.getByRole('button', { name: '设置新密码' }).click()
    await page.waitForURL(/\/login$/)
    await page.getByText('密码已重置，请使用新密码登录').waitFor()
    await toastsGone(page)
    await ctx.axe('reset-done')
  })

  await step('old-password-fails', page, ctx, async () => {
    await loginAttempt(page, id, OLD)
    await page.locator('.el-message').getByText('用户名或密码错误').waitFor()
    assert.match(new URL(page.url()).pathname, /^\/login$/)
    await ctx.screenshot('old-password-refused')
  })

  await step('new-password-works', page, ctx, async () => {
    await loginAttempt(page, id, NEW)
    await page.waitForURL(/\/me$/, { timeout: 15_000 })
  })

  await step('link-used-up', page, ctx, async () => {
    await page.goto(resetPath)
    await page.locator('#reset-password').fill('Third-Pass-2028!')
    await page.locator('#reset-confirm').fill('Third-Pass-2028!')
    await page.getByRole('button', { name: '设置新密码' }).click()
    await page.getByRole('alert').getByText('重置链接无效、已使用或已过期').waitFor()
  })
}
