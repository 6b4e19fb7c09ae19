// Shared by the journeys around e-licences (licence-material, wallet): the API as a demo account, and the demo
// company's 营业执照 from a 设立登记 at 海口市市场监督管理局, taken through the API by the company and the hk.* clerks.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { password } from './support.mjs'

export const AGENCY = '海口市市场监督管理局'
export const LICENCE_MATERIAL = '营业执照或统一社会信用代码证书'
// The PNG signature and header: what the server checks a scan by.
const SCAN = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

// The API as one account, in the cookies of the given page's browser context (a demo account unless a password is given).
export async function apiAs(page, username, accountPassword = password) {
  const login = await page.request.post('/api/v1/auth/login', { data: { username, password: accountPassword } })
  assert.ok(login.ok(), `login as ${username}: ${login.status()}`)
  const { csrfToken } = await login.json()
  const answer = async (what, response) => {
    const text = await response.text()
    assert.ok(response.ok(), `${what} as ${username}: ${response.status()} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }
  return {
    csrfToken,
    get: (path) => page.request.get(path).then((r) => answer(`GET ${path}`, r)),
    post: (path, options = {}) =>
      page.request
        .post(path, { ...options, headers: { 'X-CSRF-Token': csrfToken, ...(options.headers || {}) } })
        .then((r) => answer(`POST ${path}`, r)),
  }
}

/** The agency's standard 设立登记 (which issues a 营业执照) and another item for companies that asks for one. */
export function companyItems(items) {
  // An item of its own form (公司设立登记 …) would refuse the generic purpose field the drafts here send.
  const registration = items.find((i) => i.name.endsWith('设立登记') && i.processKey === 'standard' && !i.formKey)
  assert.ok(registration, `${AGENCY} has no standard 设立登记 item`)
  const next = items.find((i) => i.audience === 'LEGAL_PERSON' && i.code !== registration.code)
  return { registration, next }
}

/** The agency's items, up to 100. */
export async function agencyItems(page) {
  const agencies = await (await page.request.get('/api/v1/regions/4601/agencies')).json()
  const agency = agencies.find((a) => a.name === AGENCY)
  return (await (await page.request.get(`/api/v1/catalog/items?agencyId=${agency.id}&size=100`)).json()).items
}

export async function businessLicence(page, ctx, items) {
  const company = await apiAs(page, 'company')
  const { registration } = companyItems(items)
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
  return concluded.license.number
}
