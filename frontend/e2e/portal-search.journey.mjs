// An applicant finds a 食品经营者 item by the pinyin initials spjyz and reads its guide.
import assert from 'node:assert/strict'

// The results list marks itself aria-busy while a search is under way.
const settled = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))

export default async function portalSearch(page, ctx) {
  await page.goto('/')
  const results = page.getByRole('listitem').filter({ has: page.getByRole('article') })
  await results.first().waitFor()
  await settled(page)
  await ctx.screenshot('home')
  await ctx.axe('home')

  const search = page.getByRole('searchbox', { name: '搜索办事事项' })
  await search.fill('spjyz')
  await search.press('Enter')
  await page.waitForURL(/\/search\?q=spjyz/)
  await page.getByRole('heading', { level: 1, name: /spjyz/ }).waitFor()
  await settled(page)

  const match = results.getByRole('link', { name: /食品经营/ }).first()
  await match.waitFor()
  assert.ok((await results.count()) >= 1, 'no search results for spjyz')
  await ctx.screenshot('results')

  const name = (await match.innerText()).trim()
  await match.click()
  await page.waitForURL(/\/items\/[^/]+$/)
  await page.getByRole('heading', { level: 1, name }).waitFor()

  await page.getByRole('heading', { level: 2, name: '申请材料' }).waitFor()
  // A table, or on a phone one card per material.
  const materials = page.locator('.el-table__body-wrapper tbody tr, [data-testid="material-card"]')
  await materials.first().waitFor()
  await settled(page)
  assert.ok((await materials.count()) >= 1, 'the guide lists no materials')
  // The process as a resident reads it: numbered steps with who and how long, then conditions, office and FAQ.
  await page.getByRole('heading', { level: 2, name: '办理步骤' }).waitFor()
  const steps = page.getByTestId('guide-steps').getByRole('listitem')
  await steps.first().waitFor()
  assert.ok((await steps.count()) >= 4, 'the guide lists too few steps')
  assert.match(await steps.nth(1).innerText(), /受理[\s\S]*5 个工作日/)
  for (const heading of ['受理条件', '办理地点和时间', '常见问题']) {
    await page.getByRole('heading', { level: 2, name: heading }).waitFor()
  }
  await ctx.screenshot('guide')
  await ctx.axe('guide')
}
