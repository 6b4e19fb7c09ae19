// 电子证照复用 in the browser: the demo company gets a 营业执照 (a 设立登记 at 海口市市场监督管理局, taken through
// the API by the company and the hk.* clerks), then applies for another item in the portal and, at the
// "营业执照或统一社会信用代码证书" material, uses that e-licence instead of uploading a scan.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { password, toastsGone } from './support.mjs'

export const timeoutMs = 240_000

const AGENCY = '海口市市场监督管理局'
const LICENCE_MATERIAL = '营业执照或统一社会信用代码证书'
// The PNG signature and header: what the server checks a scan by.
const SCAN = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

// The API as one account, in the cookies of the given page's browser context.
async function apiAs(page, username) {
  const login = await page.request.post('/api/v1/auth/login', { data: { username, password } })
  assert.ok(login.ok(), `login as ${username}: ${login.status()}`)
  const { csrfToken } = await login.json()
  const answer = async (what, response) => {
    const text = await response.text()
    assert.ok(response.ok(), `${what} as ${username}: ${response.status()} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }
  return {
    get: (path) => page.request.get(path).then((r) => answer(`GET ${path}`, r)),
    post: (path, options = {}) =>
      page.request
        .post(path, { ...options, headers: { 'X-CSRF-Token': csrfToken, ...(options.headers || {}) } })
        .then((r) => answer(`POST ${path}`, r)),
  }
}

async function businessLicence(page, ctx, items) {
  const company = await apiAs(page, 'company')
  // An item of its own form (公司设立登记 …) would refuse the generic purpose field this draft sends.
  const registration = items.find((i) => i.name.endsWith('设立登记') && i.processKey === 'standard' && !i.formKey)
  assert.ok(registration, `${AGENCY} has no standard 设立登记 item`)
  const guide = await company.get(`/api/v1/catalog/items/${encodeURIComponent(registration.code)}`)
  const draft = await company.post('/api/v1/applications', {
    data: { itemCode: registration.code, regionCode: '4601', formData: { purpose: '设立登记' } },
  })
  const no = draft.applicationNo
  for (const m of guide.materials.filter((x) => x.required)) {
    await company.post(`/api/v1/applications/${no}/materials`, {
      multipart: { materialId: String(m.id), file: { name: `scan-${m.seq}.png`, mimeType: 'image/png', buffer: SCAN } },
    })
  }
  await company.post(`/api/v1/applications/${no}/submit`, { headers: { 'Idempotency-Key': randomUUID() } })
  for (const [username, action] of [['hk.accept', 'accept'], ['hk.review', 'review'], ['hk.approve', 'approve']]) {
    const clerk = await apiAs(await ctx.newPage(), username)
    let tasks = { items: [] }
    for (let i = 0; i < 10 && !tasks.items.length; i++) {
      tasks = await clerk.get(`/api/v1/workbench/tasks?view=todo&applicationNo=${no}`)
      if (!tasks.items.length) await page.waitForTimeout(500)
    }
    assert.ok(tasks.items.length, `${username} has no task on ${no}`)
    await clerk.post(`/api/v1/workbench/tasks/${tasks.items[0].taskId}/${action}`, { data: { opinion: '同意。' } })
  }
  const concluded = await company.get(`/api/v1/applications/${no}`)
  assert.ok(concluded.license?.number, `no e-licence on ${no} (status ${concluded.status})`)
  return { number: concluded.license.number, registration }
}

export default async function licenceMaterial(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const agencies = await (await page.request.get('/api/v1/regions/4601/agencies')).json()
  const agency = agencies.find((a) => a.name === AGENCY)
  const { items } = await (await page.request.get(`/api/v1/catalog/items?agencyId=${agency.id}&size=100`)).json()
  const licence = await businessLicence(page, ctx, items)
  const next = items.find((i) => i.audience === 'LEGAL_PERSON' && i.code !== licence.registration.code)

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
