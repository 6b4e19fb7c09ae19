// On a phone a search shows its first result on the first screen: the header folds into a menu and the
// filters wait behind a toggle. At desktop size the filters stay open beside nothing hidden.
import assert from 'node:assert/strict'

export const extraViewports = [{ name: 'phone-390', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]

const settled = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))

export default async function phoneSearch(page, ctx) {
  const phone = ctx.viewport.width <= 640
  await page.goto('/search?q=' + encodeURIComponent('食品经营'))
  await page.getByRole('heading', { level: 1, name: /食品经营/ }).waitFor()
  await settled(page)
  const first = page.getByRole('listitem').filter({ has: page.getByRole('article') }).first()
  await first.waitFor()
  await ctx.screenshot('results')
  await ctx.axe('results')

  const filters = page.getByRole('radiogroup', { name: '服务对象' })
  if (!phone) {
    assert.ok(await filters.isVisible(), 'the filters are open at desktop size')
    return
  }
  const top = (await first.boundingBox()).y
  assert.ok(top < ctx.viewport.height, `the first result starts at ${top} px, below the first screen (${ctx.viewport.height} px)`)
  const header = (await page.locator('.site-header').boundingBox()).height
  assert.ok(header <= 64, `the header takes ${header} px of a phone screen`)

  // The filters open on demand and work as before.
  assert.ok(!(await filters.isVisible()), 'the filters are folded away on a phone')
  await page.getByTestId('filters-toggle').click()
  await filters.getByText('法人', { exact: true }).click()
  await page.waitForURL(/audience=LEGAL_PERSON/)
  await settled(page)
  await page.getByTestId('filters-toggle').filter({ hasText: '已选 1 项' }).waitFor()

  // The menu opens below the bar and closes when a page is chosen.
  const toggle = page.getByTestId('menu-toggle')
  await toggle.click()
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '办事进度查询' }).click()
  await page.waitForURL(/\/progress$/)
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the menu stays open after navigating')
  await ctx.screenshot('menu-closed')
}
