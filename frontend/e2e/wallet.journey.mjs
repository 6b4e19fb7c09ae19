// 我的证照: the demo company opens its wallet from the header, finds its 营业执照 with the holder in full and its
// validity, and the apply wizard of another item offers that licence for the "营业执照" material.
import assert from 'node:assert/strict'
import { password } from './support.mjs'
import { LICENCE_MATERIAL, agencyItems, apiAs, businessLicence, companyItems } from './licences.mjs'

export const timeoutMs = 240_000

export default async function wallet(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const items = await agencyItems(page)
  const company = await apiAs(page, 'company')
  // The licence-material journey may have issued one already; a valid one is all this journey needs.
  const held = await company.get('/api/v1/licenses?mine=true&size=100')
  const number =
    held.items.find((l) => l.title === '营业执照' && l.status === 'VALID')?.licenseNo ||
    (await businessLicence(page, ctx, items))

  await page.goto('/')
  const link = page.getByTestId('wallet-link')
  if (!(await link.isVisible())) await page.getByTestId('menu-toggle').click()
  await link.click()
  await page.getByRole('heading', { level: 1, name: '我的证照' }).waitFor()
  const card = page.locator(`.wallet__card[data-licence="${number}"]`)
  await card.waitFor()
  assert.equal(await card.getByRole('heading', { level: 2 }).innerText(), '营业执照')
  const text = await card.innerText()
  assert.match(text, /海口椰风食品有限公司/)
  assert.match(text, /有效/)
  assert.match(text, new RegExp(number))
  await ctx.screenshot('wallet')
  await ctx.axe('wallet')

  const { next } = companyItems(items)
  await page.goto(`/apply/${encodeURIComponent(next.code)}`)
  await page.getByRole('heading', { level: 1, name: next.name }).waitFor()
  await page.getByLabel('申请事项说明 / 申请事由').fill('申请办理，使用我的证照。')
  await page.locator('#apply-phone').fill('13876001234')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('heading', { level: 2, name: '上传材料' }).waitFor()
  const offered = page.locator('.material', { hasText: LICENCE_MATERIAL }).locator(`[data-licence="${number}"]`)
  await offered.waitFor()
  assert.match(await offered.innerText(), /使用我的电子证照：营业执照/)
  await ctx.screenshot('wallet-offered')
}
