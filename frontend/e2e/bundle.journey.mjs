// 一件事一次办 in the browser: a resident opening a restaurant applies for 开办餐饮店 — the guiding question skips
// 公共场所卫生许可, one merged form, one material list, one submit. A clerk of the province's market regulator
// approves the 个体工商户设立登记 (through the API); its 营业执照 becomes the food licence's material without an upload
// and fills the food licence's form; hk.accept approves the food licence; both licences are in the wallet and verify.
import assert from 'node:assert/strict'
import { idCardCheckChar } from '../src/shared/identityNumbers.js'
import { apiAs, LICENCE_MATERIAL } from './licences.mjs'
import { password, step, toastsGone } from './support.mjs'

export const timeoutMs = 240_000

const RESIDENT_PASSWORD = 'Resident-2026!'
const CLERK = 'bundle.market.accept'
const CLERK_PASSWORD = 'Staff-Pass-2026'
const REGISTRATION = '个体工商户设立登记'
const FOOD_LICENCE = '食品(含保健食品)经营许可核发'
const HYGIENE = '公共场所卫生许可新办审批（县级）'
// The PNG signature and header: what the server checks a scan by.
const SCAN = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

function freshIdCard() {
  const pad = (n, width) => String(n).padStart(width, '0')
  const random = (n) => Math.floor(Math.random() * n)
  const body = `460108${1960 + random(40)}${pad(1 + random(12), 2)}${pad(1 + random(28), 2)}${pad(random(1000), 3)}`
  return body + idCardCheckChar(body)
}

// A member of the province's market regulator who accepts and decides 设立登记 on the spot, made by the administrator.
async function marketClerk(ctx) {
  const page = await ctx.newPage()
  const admin = await apiAs(page, 'admin')
  const agencies = await (await page.request.get('/api/v1/regions/46/agencies')).json()
  const agency = agencies.find((a) => a.name === '海南省市场监督管理局')
  const made = await page.request.post('/api/v1/admin/staff', {
    headers: { 'X-CSRF-Token': admin.csrfToken },
    data: { username: CLERK, displayName: '省市场监管受理员', agencyId: agency.id, roles: ['ACCEPT'], password: CLERK_PASSWORD },
  })
  assert.ok([201, 409].includes(made.status()), `staff ${CLERK}: ${made.status()} ${await made.text()}`)
  const login = await page.request.post('/api/v1/auth/login', { data: { username: CLERK, password: CLERK_PASSWORD } })
  const me = await login.json()
  if (me.mustChangePassword) {
    // The administrator set the password: the clerk replaces it, then takes it back for the next run.
    for (const [currentPassword, newPassword] of [[CLERK_PASSWORD, `${CLERK_PASSWORD}-x`], [`${CLERK_PASSWORD}-x`, CLERK_PASSWORD]]) {
      const changed = await page.request.post('/api/v1/auth/password', {
        headers: { 'X-CSRF-Token': me.csrfToken },
        data: { currentPassword, newPassword },
      })
      assert.equal(changed.status(), 204, `password change of ${CLERK}`)
    }
  }
  return page
}

async function decide(ctx, page, username, no) {
  const clerk =
    username === CLERK ? await apiAs(await marketClerk(ctx), CLERK, CLERK_PASSWORD) : await apiAs(await ctx.newPage(), username)
  let tasks = { items: [] }
  for (let i = 0; i < 20 && !tasks.items.length; i++) {
    tasks = await clerk.get(`/api/v1/workbench/tasks?view=todo&applicationNo=${no}`)
    if (!tasks.items.length) await page.waitForTimeout(500)
  }
  assert.ok(tasks.items.length, `${username} has no task on ${no}`)
  await clerk.post(`/api/v1/workbench/tasks/${tasks.items[0].taskId}/approve`, { data: { opinion: '准予。' } })
}

async function fill(page, key, value) {
  await page.locator(`#bundle-${key}`).fill(String(value))
}

async function choose(page, key, option) {
  await page.locator('.el-select').filter({ has: page.locator(`#bundle-${key}`) }).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

export default async function bundle(page, ctx) {
  const id = freshIdCard()
  await step('register', page, ctx, async () => {
    const r = await page.request.post('/api/v1/auth/register', {
      data: { idType: 'ID_CARD', idNumber: id, name: '符海燕', phone: '13876001234', password: RESIDENT_PASSWORD },
    })
    assert.equal(r.status(), 201, await r.text())
    await page.goto('/login')
    await page.locator('#login-username').fill(id)
    await page.locator('#login-password').fill(RESIDENT_PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL((url) => url.pathname !== '/login')
  })

  await step('guide', page, ctx, async () => {
    await page.goto('/bundles/kaiban-canyindian')
    await page.getByRole('heading', { level: 1, name: '开办餐饮店' }).waitFor()
    const chosen = page.locator('.el-table').first()
    await chosen.getByText(FOOD_LICENCE).waitFor()
    const question = page.locator('.el-form-item', { hasText: '兼营公共场所' })
    await question.getByText('是', { exact: true }).click()
    await chosen.getByText(HYGIENE).waitFor()
    await question.getByText('否', { exact: true }).click()
    await chosen.getByText(HYGIENE).waitFor({ state: 'detached' })
    assert.equal(await chosen.getByText(REGISTRATION).count(), 1)
    await ctx.screenshot('guide')
    await page.getByRole('button', { name: '下一步' }).click()
  })

  await step('one-form', page, ctx, async () => {
    await page.locator('#bundle-shopName').waitFor()
    assert.equal(await page.locator('#bundle-placeType').count(), 0, 'the skipped item asks nothing')
    await fill(page, 'shopName', '椰风小馆')
    await fill(page, 'operatorName', '符海燕')
    await fill(page, 'operatorIdNumber', id)
    await fill(page, 'operatorPhone', '13876001234')
    await fill(page, 'operatorAddress', '海口市美兰区海甸二西路 20 号')
    await fill(page, 'premises', '海口市美兰区海甸二西路 18 号')
    await choose(page, 'organizationForm', '个人经营')
    await fill(page, 'businessScope', '餐饮服务')
    await fill(page, 'capital', 10)
    await fill(page, 'staffCount', 6)
    await choose(page, 'businessType', '餐饮服务经营者')
    await fill(page, 'businessItems', '热食类食品制售')
    await fill(page, 'foodSafetyManager', '符海燕')
    await choose(page, 'onlineSales', '否')
    await ctx.screenshot('form')
    await ctx.axe('form')
    await page.getByRole('button', { name: '下一步' }).click()
  })

  await step('one-material-list', page, ctx, async () => {
    const rows = page.locator('.el-table__body tr')
    await rows.first().waitFor()
    const count = await rows.count()
    for (let i = 0; i < count; i++) {
      const button = rows.nth(i).locator('.el-upload', { hasText: /^\s*上传\s*$/ })
      if (await button.count()) {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()])
        await chooser.setFiles({ name: `scan-${i}.png`, mimeType: 'image/png', buffer: SCAN })
        await rows.nth(i).locator('.el-upload', { hasText: '重新上传' }).waitFor()
      }
    }
    await toastsGone(page)
    // No axe check here: Element Plus's el-upload puts its file input inside its role="button" (nested-interactive).
    await ctx.screenshot('materials')
    await page.getByRole('button', { name: '一次提交' }).click()
    await page.waitForURL(/\/me\/bundles\//)
    await page.getByText('等待前序证照').waitFor()
  })

  const caseNo = decodeURIComponent(page.url().split('/').pop())
  const resident = await apiAs(page, id, RESIDENT_PASSWORD)
  const opened = await resident.get(`/api/v1/bundle-cases/${caseNo}`)
  const childNo = (name) => opened.children.find((c) => c.itemName === name).applicationNo

  const registrationLicence = await step('registration-approved', page, ctx, async () => {
    await decide(ctx, page, CLERK, childNo(REGISTRATION))
    const registration = await resident.get(`/api/v1/applications/${childNo(REGISTRATION)}`)
    assert.ok(registration.license?.number, `no 营业执照 on ${childNo(REGISTRATION)} (${registration.status})`)
    return registration.license.number
  })

  await step('licence-as-material', page, ctx, async () => {
    const food = await resident.get(`/api/v1/applications/${childNo(FOOD_LICENCE)}`)
    assert.equal(food.status, 'SUBMITTED', 'the food licence starts when the 营业执照 issues')
    const material = food.materials.find((m) => m.materialName === LICENCE_MATERIAL)
    assert.equal(material?.fileName, `${registrationLicence}.pdf`, 'the e-licence, not an upload')
    assert.equal(food.formData.businessLicenseNo, registrationLicence)
    await page.goto(`/me/applications/${encodeURIComponent(childNo(FOOD_LICENCE))}`)
    await page.getByText(`${registrationLicence}.pdf`).first().waitFor()
    await ctx.screenshot('licence-as-material')
  })

  await step('delivered-together', page, ctx, async () => {
    await decide(ctx, page, 'hk.accept', childNo(FOOD_LICENCE))
    await page.goto(`/me/bundles/${encodeURIComponent(caseNo)}`)
    await page.getByRole('heading', { level: 2, name: '统一发证' }).waitFor()
    const done = await resident.get(`/api/v1/bundle-cases/${caseNo}`)
    assert.equal(done.status, 'CONCLUDED')
    assert.equal(done.licenses.length, 2)
    for (const l of done.licenses) {
      const verified = await (await page.request.get(`/api/v1/licenses/verify?code=${l.verificationCode}`)).json()
      assert.ok(verified.valid, `licence ${l.number} verifies`)
    }
    await page.goto('/me/licenses')
    await page.getByText(registrationLicence).first().waitFor()
    await page.getByText(`HN${childNo(FOOD_LICENCE)}`).first().waitFor()
    await toastsGone(page)
    await ctx.screenshot('wallet')
  })
}
