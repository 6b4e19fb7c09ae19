// 电子证照复用 in the browser: the demo company gets a 营业执照 (a 设立登记 at 海口市市场监督管理局, taken through
// the API by the company and the hk.* clerks), then applies for another item in the portal and, at the
// "营业执照或统一社会信用代码证书" material, uses that e-licence instead of uploading a scan.
import assert from 'node:assert/strict'
import { password, toastsGone } from './support.mjs'
import { LICENCE_MATERIAL, agencyItems, businessLicence, companyItems } from './licences.mjs'

export const timeoutMs = 240_000

export default async function licenceMaterial(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const items = await agencyItems(page)
  const licence = { number: await businessLicence(page, ctx, items) }
  const { next } = companyItems(items)

  await page.goto(`/apply/${encodeURIComponent(next.code)}`)
  await page.getByRole('heading', { level: 1, name: next.name }).waitFor()
  await page.getByLabel('申请事项说明 / 申请事由').fill('申请办理，使用电子证照。')
  await page.locator('#apply-phone').fill('13876001234')
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('heading', { level: 2, name: '上传材料' }).waitFor()

  const block = page.locator('.material', { hasText: LICENCE_MATERIAL })
  const use = block.locator(`[data-licence="${licence.number}"]`)
  await use.waitFor()
  assert.match(await use.innerText(), /使用我的电子证照：营业执照/)
  await ctx.screenshot('licence-offered')
  await use.click()
  await block.getByRole('link', { name: `${licence.number}.pdf` }).waitFor()
  assert.equal(await use.count(), 0, 'the licence is still offered after it was attached')
  await toastsGone(page)
  await ctx.screenshot('licence-attached')
  await ctx.axe('licence-attached')
}
