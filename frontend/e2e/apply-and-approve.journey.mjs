// The whole life of a 承诺件 at 海口市市场监督管理局: a new user chooses 海口市, searches 食品经营许可 and reads the
// guide, logs in as the applicant, fills the form, uploads the required materials and submits; hk.accept accepts,
// hk.review reviews, hk.approve approves (each in a fresh browser context); the applicant downloads the e-licence
// PDF, verifies the licence, rates the service (好差评) and tracks the progress publicly. Also at 390×844.
// Needs the demo profile: YIWANG_DEMO_PASSWORD; YIWANG_DEMO_ID_SUFFIX (last 6 of the applicant's ID number)
// turns on the progress query, which cannot be derived from /auth/me (it masks all but the last 4).
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { step, login, password } from './support.mjs'

export const timeoutMs = 300_000
// The portal's main journey also at a common phone size.
export const extraViewports = [{ name: 'phone-390', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]

const AGENCY = '海口市市场监督管理局'
const idSuffix = process.env.YIWANG_DEMO_ID_SUFFIX

// Names the step in any failure and keeps a screenshot of the page it happened on.

// A 2×2 PNG, built here so the journey needs no fixture files.
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc(body))
    return Buffer.concat([head, body, tail])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(2, 0)
  ihdr.writeUInt32BE(2, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const rows = Buffer.from([0, 26, 86, 184, 255, 255, 255, 0, 255, 255, 255, 26, 86, 184])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// A one-page PDF for materials that accept no image.
function pdf() {
  const text = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
    + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(text, 'latin1')
}

function fileFor(material) {
  const types = (material.acceptTypes || 'png').toLowerCase().split(',').map((s) => s.trim())
  if (types.includes('png')) return { name: `material-${material.seq}.png`, mimeType: 'image/png', buffer: png() }
  if (types.includes('pdf')) return { name: `material-${material.seq}.pdf`, mimeType: 'application/pdf', buffer: pdf() }
  throw new Error(`material "${material.name}" accepts neither png nor pdf but ${material.acceptTypes}`)
}

async function getJson(page, path) {
  const response = await page.request.get(path)
  assert.ok(response.ok(), `GET ${path} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`)
  return response.json()
}

// What a new user types into the search box.
const QUERY = '食品经营许可'

// A 食品经营许可 承诺件 (行政许可, so approval issues an e-licence) of the Haikou market supervision bureau.
async function findItem(page) {
  const agencies = await getJson(page, '/api/v1/regions/4601/agencies')
  const agency = agencies.find((a) => a.name === AGENCY)
  assert.ok(agency, `no agency named ${AGENCY} in /regions/4601/agencies (${agencies.length} agencies)`)
  const found = await getJson(page, `/api/v1/catalog/items?q=${encodeURIComponent(QUERY)}&agencyId=${agency.id}&type=1&size=50`)
  // Items other journeys created with a form of their own are left alone: this one fills the default form.
  const promised = found.items.filter((item) => item.caseKind === 'PROMISED' && !item.formKey)
  // A licence is issued for a change rather than a cancellation (注销), when the bureau has one.
  promised.sort((a, b) => a.name.includes('注销') - b.name.includes('注销'))
  assert.ok(promised.length, `${AGENCY} (id ${agency.id}) has no PROMISED ${QUERY} item among ${found.items.length}`)
  for (const candidate of promised) {
    const item = await getJson(page, `/api/v1/catalog/items/${encodeURIComponent(candidate.code)}`)
    if ((item.materials || []).some((m) => m.required)) return item
  }
  return getJson(page, `/api/v1/catalog/items/${encodeURIComponent(promised[0].code)}`)
}

// Opens the clerk's task for this application, claims it when that is offered, and performs the action.
async function act(clerk, ctx, username, applicationNo, action, label) {
  await login(clerk, username)
  const row = clerk.getByRole('link', { name: applicationNo })
  for (let attempt = 0; attempt < 10; attempt++) {
    await clerk.goto(`/workbench?applicationNo=${encodeURIComponent(applicationNo)}`)
    await clerk.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    if (await row.count()) break
    await clerk.waitForTimeout(1000)
  }
  assert.ok(await row.count(), `${username} has no to-do task for ${applicationNo}`)
  await ctx.screenshot(`${username}-todo`, clerk)
  await row.first().click()
  await clerk.waitForURL(/\/workbench\/tasks\//)
  await clerk.getByRole('heading', { level: 2, name: '办理', exact: true }).waitFor()

  const claim = clerk.locator('[data-action="claim"]')
  if (await claim.count()) {
    await claim.click()
    await clerk.getByText('“签收”已完成').waitFor()
  }
  const button = clerk.locator(`[data-action="${action}"]`)
  await button.waitFor().catch(async () => {
    const offered = await clerk.locator('[data-action]').evaluateAll((els) => els.map((e) => e.dataset.action))
    throw new Error(`${username} is not offered "${action}" on ${applicationNo}; offered: ${offered.join(', ') || 'nothing'}`)
  })
  await clerk.locator('#task-opinion').fill(`${label}（自动化验收）`)
  await ctx.screenshot(`${username}-task`, clerk)
  await button.click()
  const confirm = clerk.locator('.el-message-box').getByRole('button', { name: label })
  if (await confirm.isVisible().catch(() => false)) await confirm.click()
  await clerk.getByText(`“${label}”已完成`).waitFor()
}

export default async function applyAndApprove(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')

  const item = await step('find-item', page, ctx, () => findItem(page))
  const required = item.materials.filter((m) => m.required)

  // As a new user would: choose the place (海口市), search, read the guide; then log in and apply.
  await step('search', page, ctx, async () => {
    await page.goto('/')
    await page.getByTestId('place-button').click()
    const dialog = page.getByRole('dialog', { name: '选择办事地点' })
    await dialog.waitFor()
    await dialog.locator('.el-cascader-menu').first().locator('.el-cascader-node', { hasText: '海口市' }).locator('.el-radio').click()
    await dialog.getByTestId('place-save').click()
    await dialog.waitFor({ state: 'hidden' })
    const search = page.getByRole('searchbox', { name: '搜索办事事项' })
    await search.fill(QUERY)
    await search.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    const link = page.locator(`a[href="/items/${encodeURIComponent(item.code)}"]`).first()
    await link.waitFor().catch(() => {
      throw new Error(`searching for ${QUERY} in 海口市 did not list ${item.name} (${item.code})`)
    })
    await ctx.screenshot('apply-search')
    await link.click()
    await page.getByRole('heading', { level: 1, name: item.name }).waitFor()
    await ctx.screenshot('apply-guide')
  })

  await step('applicant-login', page, ctx, () => login(page, 'applicant'))
  await step('open-apply', page, ctx, async () => {
    await page.goto(`/items/${encodeURIComponent(item.code)}`)
    await page.getByRole('link', { name: '在线办理' }).first().click()
    await page.waitForURL(new RegExp(`/apply/${item.code}`))
  })

  await step('apply-form', page, ctx, async () => {
    await page.getByRole('heading', { level: 1, name: item.name }).waitFor()
    await page.getByLabel('申请事项说明 / 申请事由').fill('申请办理该事项，自动化验收测试。')
    const contact = page.locator('#apply-contact')
    if (!(await contact.inputValue())) await contact.fill('测试联系人')
    await page.locator('#apply-phone').fill('13800138000')
    await ctx.screenshot('apply-form')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByRole('heading', { level: 2, name: '上传材料' }).waitFor()
    await page.waitForURL(/[?&]no=/)
  })

  await step('apply-materials', page, ctx, async () => {
    for (const material of required) {
      const block = page.locator(`[data-material-id="${material.id}"]`)
      const file = fileFor(material)
      await block.locator('input[type="file"]').setInputFiles(file)
      await block.getByRole('link', { name: file.name }).waitFor().catch(async () => {
        const message = await page.locator('.el-message').allInnerTexts()
        throw new Error(`upload of ${file.name} for "${material.name}" did not show up: ${message.join(' ')}`)
      })
    }
    await ctx.screenshot('apply-materials')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByRole('heading', { level: 2, name: '确认提交' }).waitFor()
    await ctx.screenshot('apply-confirm')
  })

  const applicationNo = await step('apply-submit', page, ctx, async () => {
    await page.getByRole('button', { name: '确认提交' }).click()
    await page.getByRole('heading', { name: '申请已提交' }).waitFor().catch(async () => {
      const message = await page.locator('.el-message').allInnerTexts()
      throw new Error(`submit did not succeed: ${message.join(' ') || 'no message shown'}`)
    })
    await ctx.screenshot('apply-done')
    return (await page.getByTestId('application-no').innerText()).trim()
  })
  console.log(`  submitted ${applicationNo} (${item.code} ${item.name})`)

  for (const [username, action, label] of [
    ['hk.accept', 'accept', '受理'],
    ['hk.review', 'review', '审查通过'],
    ['hk.approve', 'approve', '审批通过'],
  ]) {
    const clerk = await ctx.newPage()
    await step(`${username}-${action}`, clerk, ctx, () => act(clerk, ctx, username, applicationNo, action, label))
  }

  const code = await step('applicant-licence', page, ctx, async () => {
    const licence = page.getByTestId('licence-code')
    for (let attempt = 0; attempt < 10 && !(await licence.count()); attempt++) {
      await page.goto(`/me/applications/${encodeURIComponent(applicationNo)}`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.getByRole('heading', { level: 2, name: '办理过程' }).waitFor()
      if (!(await licence.count())) await page.waitForTimeout(1000)
    }
    if (!(await licence.count())) {
      const status = await page.locator('.status-tag').first().innerText().catch(() => '?')
      throw new Error(`no e-licence on ${applicationNo} after approval (status ${status})`)
    }
    await page.getByRole('heading', { name: /办理结果：准予许可/ }).waitFor()
    await ctx.screenshot('applicant-licence')
    const pdf = await page.request.get(await page.getByRole('link', { name: /下载电子证照/ }).getAttribute('href'))
    assert.equal(pdf.status(), 200, `the e-licence PDF answered ${pdf.status()}`)
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-', 'the e-licence download is no PDF')
    return (await licence.innerText()).trim()
  })

  await step('verify', page, ctx, async () => {
    await page.goto(`/verify?code=${encodeURIComponent(code)}`)
    await page.getByTestId('verify-genuine').waitFor().catch(async () => {
      const shown = await page.locator('main').innerText()
      throw new Error(`verification code ${code} was not reported genuine: ${shown.slice(0, 300)}`)
    })
    await ctx.screenshot('verify')
    await ctx.axe('verify')
  })

  await step('rate', page, ctx, async () => {
    await page.goto(`/me/applications/${encodeURIComponent(applicationNo)}`)
    const rating = page.getByRole('region', { name: '好差评' })
    await rating.getByText('非常满意', { exact: true }).click()
    for (const indicator of ['办事效率', '办事指南精确度', '办事便捷度', '平台操作性']) {
      await rating.getByRole('slider', { name: indicator }).locator('.el-rate__item').nth(4).click()
    }
    await rating.locator('#rating-comment').fill('全程网上办理，没有跑腿。')
    await rating.getByRole('button', { name: '提交评价' }).click()
    await rating.getByTestId('rating-result').getByText('非常满意').waitFor()
    await ctx.screenshot('rated')
  })

  await step('progress', page, ctx, async () => {
    await page.goto('/progress')
    await page.getByRole('heading', { level: 1, name: '办事进度查询' }).waitFor()
    if (!idSuffix) {
      console.log('  progress query skipped: YIWANG_DEMO_ID_SUFFIX is not set (only the empty form was checked)')
      await ctx.screenshot('progress-form')
      await ctx.axe('progress-form')
      return
    }
    await page.getByLabel('办件编号').fill(applicationNo)
    await page.getByLabel('证件号码后 6 位').fill(idSuffix)
    await page.getByRole('button', { name: '查询进度' }).click()
    await page.getByRole('heading', { level: 2, name: item.name }).waitFor().catch(async () => {
      const shown = await page.locator('main').innerText()
      throw new Error(`progress of ${applicationNo} with suffix ${idSuffix} not shown: ${shown.slice(0, 300)}`)
    })
    await ctx.screenshot('progress')
    await ctx.axe('progress')
  })
}
