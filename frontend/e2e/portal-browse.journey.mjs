// Anonymous browsing by life event and by place, then the applicant's message centre. Needs the demo profile
// (YIWANG_DEMO_PASSWORD) for the last part; depends on no existing application.
import assert from 'node:assert/strict'
import { password } from './support.mjs'

const ELDERLY_WORDS = ['养老', '老年', '高龄', '退休', '待遇领取']

// The results list marks itself aria-busy while a search is under way.
const settled = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))

export const timeoutMs = 180_000

export default async function portalBrowse(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const results = page.getByRole('listitem').filter({ has: page.getByRole('article') })

  // Home: life events with their counts.
  await page.goto('/')
  const events = page.getByRole('region', { name: '按人生事件办事' })
  const elderly = events.getByRole('link', { name: /养老/ })
  await elderly.waitFor()
  assert.match(await elderly.innerText(), /养老\s*\d+\s*项/)
  assert.ok((await events.getByRole('link').count()) >= 10, 'fewer than 10 life events')
  await results.first().waitFor()
  await settled(page)
  await ctx.screenshot('home')
  await ctx.axe('home')

  // 养老: every result is about it.
  await elderly.click()
  await page.waitForURL(/\/search\?event=ELDERLY/)
  await page.getByRole('heading', { level: 1, name: /养老/ }).waitFor()
  await settled(page)
  await results.first().waitFor()
  const names = await results.getByRole('article').locator('.result__name').allInnerTexts()
  assert.ok(names.length >= 1, 'no results for 养老')
  for (const name of names) {
    assert.ok(ELDERLY_WORDS.some((w) => name.includes(w)), `"${name}" does not belong to 养老`)
  }
  await ctx.screenshot('elderly')

  // Choose a place: 乐东黎族自治县 → a township → a village.
  await page.goto('/')
  await settled(page)
  await page.getByTestId('place-button').click()
  const dialog = page.getByRole('dialog', { name: '选择办事地点' })
  await dialog.waitFor()
  const menus = dialog.locator('.el-cascader-menu')
  await menus.nth(0).locator('.el-cascader-node', { hasText: '乐东黎族自治县' }).click()
  const township = menus.nth(1).locator('.el-cascader-node').first()
  await township.waitFor()
  const townshipName = (await township.locator('.el-cascader-node__label').innerText()).trim()
  await township.locator('.el-cascader-node__label').click()
  const village = menus.nth(2).locator('.el-cascader-node').first()
  await village.waitFor()
  const villageName = (await village.locator('.el-cascader-node__label').innerText()).trim()
  await village.locator('.el-cascader-node__label').click()
  await dialog.getByTestId('place-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('place-button').filter({ hasText: villageName }).waitFor()

  const search = page.getByRole('searchbox', { name: '搜索办事事项' })
  await search.fill('最低生活保障')
  await search.press('Enter')
  await page.waitForURL(/\/search\?q=/)
  await page.getByRole('heading', { level: 1, name: /最低生活保障/ }).waitFor()
  await settled(page)
  await results.first().waitFor()
  const first = await results.first().innerText()
  assert.ok(first.includes(townshipName), `the first result is not at ${townshipName}: ${first}`)
  await ctx.screenshot('near')
  await ctx.axe('results')

  // By audience (法人) and by department: one of the chosen place's 市县 departments.
  const DEPARTMENT = '乐东黎族自治县市场监督管理局'
  await page.goto('/search')
  await settled(page)
  // On a phone the filters are folded behind a toggle.
  const filtersToggle = page.getByTestId('filters-toggle')
  if (await filtersToggle.isVisible()) await filtersToggle.click()
  await page.getByRole('radiogroup', { name: '服务对象' }).getByText('法人', { exact: true }).click()
  await page.waitForURL(/audience=LEGAL_PERSON/)
  await settled(page)
  await page.locator('#filter-department').click()
  await page.getByRole('option', { name: DEPARTMENT, exact: true }).click()
  await page.waitForURL(/agencyId=\d+/)
  // The list closes with a transition; axe checks the page once it has.
  await page.getByRole('option', { name: DEPARTMENT, exact: true }).waitFor({ state: 'hidden' })
  await settled(page)
  await results.first().waitFor()
  const agencyId = new URL(page.url()).searchParams.get('agencyId')
  const expected = await (await page.request.get(`/api/v1/catalog/items?audience=LEGAL_PERSON&agencyId=${agencyId}&size=1`)).json()
  await page.getByText(`共 ${expected.total} 项`).waitFor()
  for (const facts of await results.getByRole('article').locator('.result__facts').allInnerTexts()) {
    assert.ok(facts.includes(DEPARTMENT), `a result of another department: ${facts}`)
  }
  await ctx.screenshot('by-department')
  await ctx.axe('by-department')

  // The applicant's message centre (it may be empty).
  await page.goto('/login')
  await page.locator('#login-username').fill('applicant')
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 })
  // In the header, or on a phone in its folded menu.
  await page.getByTestId('messages-link').waitFor({ state: 'attached' })
  await page.goto('/me/messages')
  await page.getByRole('heading', { level: 1, name: '消息中心' }).waitFor()
  await settled(page)
  await ctx.screenshot('messages')
  await ctx.axe('messages')
}
