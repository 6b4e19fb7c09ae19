// What several journeys share: a named step that leaves a screenshot when it fails, logging in as a demo account,
// and waiting for toasts to go before an accessibility check.
/** The demo accounts' password, which the test command passes to the jar and to the journeys. */
export const password = process.env.YIWANG_DEMO_PASSWORD

export async function step(name, page, ctx, fn) {
  try {
    return await fn()
  } catch (error) {
    await ctx.screenshot(`${name}-FAILED`, page).catch(() => {})
    error.message = `step "${name}" failed (at ${page.url()}): ${error.message}`
    throw error
  }
}

export async function login(page, username) {
  await page.goto('/login')
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(async () => {
    const message = await page.locator('.el-message').allInnerTexts()
    throw new Error(`login as ${username} did not succeed: ${message.join(' ') || 'no message shown'}`)
  })
}

/** Toasts fade in and out, and axe would measure them half transparent: waits (up to 10 s) until they are gone. */
export async function toastsGone(page) {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10_000 }).catch(() => {})
}
