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
  // The item's process drawn by the bpmn-js viewer, named by its steps.
  await page.getByRole('heading', { level: 2, name: '办理流程图' }).waitFor()
  const diagram = page.getByRole('img', { name: /^办理流程图：.*受理/ })
  await diagram.waitFor()
  assert.ok((await page.locator('.diagram .djs-container .djs-shape').count()) >= 5, 'the process diagram draws too few shapes')
  await ctx.screenshot('guide')
  await ctx.axe('guide')
}
