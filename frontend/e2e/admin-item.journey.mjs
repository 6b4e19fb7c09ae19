// An item from nothing to the clerk's to-do list: the demo admin draws a process from the modeller's three-step
// template (受理 → 审查 → 审批决定), renames the review step in the properties panel, checks its step kind and
// deploys it; designs a form with a required field; creates an item of 海口市市场监督管理局 bound to both and
// publishes it. The applicant finds it in the portal search, fills the item's own form, uploads the material and
// submits; hk.accept sees the task in the workbench with 受理 offered. Needs YIWANG_DEMO_PASSWORD.
import assert from 'node:assert/strict'
import { step, login, password, toastsGone } from './support.mjs'

export const timeoutMs = 300_000

const AGENCY = '海口市市场监督管理局'

async function shown(page) {
  return (await page.locator('.el-message, .el-alert, .el-form-item__error').allInnerTexts()).join(' | ') || 'nothing'
}

// Opens an Element Plus select by its input id, types to filter (a filterable one), and picks the visible option
// with this text.
async function choose(page, id, text, { filter = true } = {}) {
  await page.locator('.el-select').filter({ has: page.locator(`#${id}`) }).click()
  if (filter) await page.keyboard.type(text)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

// A 2×2 PNG scan for the material.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkYPjPwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)

export default async function adminItem(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const stamp = Date.now().toString(36)
  const formKey = `e2eForm_${stamp}`
  const itemName = `自动化验收样品备案${stamp}`

  await step('admin-login', page, ctx, () => login(page, 'admin'))

  const processKey = await step('model', page, ctx, async () => {
    await page.goto('/admin/models')
    await page.getByRole('heading', { level: 1, name: '流程建模' }).waitFor()
    await page.getByRole('button', { name: '新建', exact: true }).click()
    const box = page.locator('.el-message-box')
    await box.locator('input').fill(`三步审批 ${stamp}`)
    await box.getByRole('button', { name: '新建', exact: true }).click()
    await page.waitForURL(/\/admin\/models\/\d+$/, { timeout: 20_000 })
    await page.locator('.djs-container .djs-palette').waitFor({ timeout: 30_000 })
    // Adjust the drawn template: the review step gets its own name; its kind is shown in the properties panel.
    await page.locator('.djs-element[data-element-id="review"]').click()
    await page.locator('#prop-name').fill('专家审查')
    await page.locator('#prop-name').press('Enter')
    await page.locator('.el-form-item').filter({ has: page.locator('#prop-step-kind') })
      .filter({ hasText: '审查 (review)' }).waitFor()
    await page.locator('.djs-element[data-element-id="review"]', { hasText: '专家审查' }).waitFor()
    await ctx.screenshot('model-adjusted')
    await page.getByRole('button', { name: '部署', exact: true }).click()
    const result = page.getByTestId('deploy-result')
    await result.waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`no deployment result; shown: ${await shown(page)}`)
    })
    const text = await result.innerText()
    const match = /部署成功：(\S+) 第 1 版/.exec(text)
    assert.ok(match, `unexpected deployment result: ${text}`)
    await ctx.screenshot('model-deployed')
    return match[1]
  })
  console.log(`  deployed ${processKey}`)

  await step('form', page, ctx, async () => {
    await page.goto('/admin/forms')
    await page.getByRole('heading', { level: 1, name: '申请表单' }).waitFor()
    await page.getByRole('button', { name: '新建表单' }).click()
    await page.locator('#form-key').fill(formKey)
    await page.locator('#form-name').fill(`样品备案申请表 ${stamp}`)
    await page.locator('#field-key-0').fill('companyName')
    await page.locator('#field-label-0').fill('企业名称')
    await page.locator('[data-field-index="0"]').getByText('必填', { exact: true }).click()
    await page.getByRole('button', { name: '保存为新版本' }).click()
    await page.getByText(`表单 ${formKey} 已保存为第 1 版`).waitFor().catch(async () => {
      throw new Error(`the form was not saved; shown: ${await shown(page)}`)
    })
    await ctx.screenshot('form-saved')
    await toastsGone(page)
    await ctx.axe('form-designer')
  })

  const code = await step('item', page, ctx, async () => {
    await page.goto('/admin/items/new')
    await page.getByRole('heading', { level: 1, name: '新增事项' }).waitFor()
    await page.locator('#item-name').fill(itemName)
    // 公共服务: journeys that pick a Haikou licensing item by type leave this one alone.
    await choose(page, 'item-type', '公共服务', { filter: false })
    // 行政区划: 海南省 → 海口市 (a city is chosen with its radio; the cascader loads each level on demand).
    await page.getByLabel('行政区划', { exact: true }).click()
    const menus = page.locator('.el-cascader-menu:visible')
    await menus.nth(0).locator('.el-cascader-node', { hasText: '海南省' }).click()
    const haikou = menus.nth(1).locator('.el-cascader-node').filter({ has: page.getByText('海口市', { exact: true }) })
    await haikou.locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await choose(page, 'item-agency', AGENCY)
    await page.locator('#item-department').fill('SCJGJ')
    await page.locator('#item-law').fill('《中华人民共和国行政许可法》')
    await page.locator('#item-consult').fill('0898-12345')
    await page.locator('#item-description').fill('网上申请 → 受理 → 专家审查 → 审批决定 → 办结送达')
    await choose(page, 'item-process', processKey)
    await choose(page, 'item-form', formKey)
    await page.locator('#material-name-0').fill('样品备案申请书')
    await ctx.screenshot('item-filled')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.waitForURL(/\/admin\/items\/(?!new)[^/]+$/, { timeout: 20_000 }).catch(async () => {
      throw new Error(`the item was not created; shown: ${await shown(page)}`)
    })
    const state = page.getByTestId('item-state')
    await state.filter({ hasText: '未发布' }).waitFor()
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await state.filter({ hasText: '已发布' }).waitFor().catch(async () => {
      throw new Error(`the item was not published; shown: ${await shown(page)}`)
    })
    await page.getByTestId('item-history').getByText('发布', { exact: true }).waitFor()
    // The first version, as it was created.
    await page.getByRole('button', { name: '查看第 1 版' }).click()
    const dialog = page.getByRole('dialog', { name: '第 1 版' })
    await dialog.getByText('未发布').waitFor()
    await dialog.getByText(itemName).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await ctx.screenshot('item-published')
    // The toasts of saving and publishing have gone: axe checks the page itself.
    await toastsGone(page)
    await ctx.axe('item-editor')
    return decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  })
  console.log(`  published ${code} ${itemName}`)

  const applicant = await ctx.newPage()
  const applicationNo = await step('apply', applicant, ctx, async () => {
    await login(applicant, 'applicant')
    await applicant.goto('/')
    const search = applicant.getByRole('searchbox', { name: '搜索办事事项' })
    await search.fill(code)
    await search.press('Enter')
    const link = applicant.locator(`a[href="/items/${encodeURIComponent(code)}"]`).first()
    await link.waitFor().catch(() => {
      throw new Error(`searching for ${code} did not list ${itemName}`)
    })
    await link.click()
    await applicant.getByRole('heading', { level: 1, name: itemName }).waitFor()
    const prefilled = applicant.waitForResponse((r) => r.url().includes('/api/v1/applications/prefill'))
    await applicant.getByRole('link', { name: '在线办理' }).first().click()
    await applicant.waitForURL(new RegExp(`/apply/${code}`))
    await prefilled
    // The item's own form: its required field is checked before anything is sent. An earlier application may
    // have pre-filled the company name (表单预填), so the applicant empties it first.
    await applicant.locator('#apply-field-companyName').fill('')
    await applicant.getByRole('button', { name: '下一步' }).click()
    await applicant.getByText('请填写企业名称').waitFor()
    await applicant.locator('#apply-field-companyName').fill('海南自动化验收贸易有限公司')
    await ctx.screenshot('apply-form', applicant)
    await applicant.getByRole('button', { name: '下一步' }).click()
    await applicant.getByRole('heading', { level: 2, name: '上传材料' }).waitFor().catch(async () => {
      throw new Error(`the form was not accepted; shown: ${await shown(applicant)}`)
    })
    const item = await (await applicant.request.get(`/api/v1/catalog/items/${encodeURIComponent(code)}`)).json()
    for (const material of item.materials.filter((m) => m.required)) {
      const block = applicant.locator(`[data-material-id="${material.id}"]`)
      await block.locator('input[type="file"]').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: PNG })
      await block.getByRole('link', { name: 'scan.png' }).waitFor()
    }
    await applicant.getByRole('button', { name: '下一步' }).click()
    await applicant.getByRole('heading', { level: 2, name: '确认提交' }).waitFor()
    await applicant.getByText('海南自动化验收贸易有限公司').waitFor()
    await applicant.getByRole('button', { name: '确认提交' }).click()
    await applicant.getByRole('heading', { name: '申请已提交' }).waitFor().catch(async () => {
      throw new Error(`submit did not succeed: ${await shown(applicant)}`)
    })
    await ctx.screenshot('apply-done', applicant)
    return (await applicant.getByTestId('application-no').innerText()).trim()
  })
  console.log(`  submitted ${applicationNo}`)

  const clerk = await ctx.newPage()
  await step('hk.accept-todo', clerk, ctx, async () => {
    await login(clerk, 'hk.accept')
    const row = clerk.getByRole('link', { name: applicationNo })
    for (let attempt = 0; attempt < 10 && !(await row.count()); attempt++) {
      await clerk.goto(`/workbench?applicationNo=${encodeURIComponent(applicationNo)}`)
      await clerk.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
      if (!(await row.count())) await clerk.waitForTimeout(1000)
    }
    assert.ok(await row.count(), `hk.accept has no to-do task for ${applicationNo}`)
    await ctx.screenshot('hk.accept-todo', clerk)
    await row.first().click()
    await clerk.waitForURL(/\/workbench\/tasks\//)
    await clerk.getByRole('heading', { level: 2, name: '办理', exact: true }).waitFor()
    const offered = await clerk.locator('[data-action]').evaluateAll((els) => els.map((e) => e.dataset.action))
    assert.ok(offered.includes('claim') || offered.includes('accept'), `hk.accept is offered ${offered.join(', ')}`)
    await ctx.screenshot('hk.accept-task', clerk)
  })
}
