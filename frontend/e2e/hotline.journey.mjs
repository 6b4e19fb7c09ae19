// 12345 from the portal to the indicators: the applicant complains on the portal; the operator records a phone
// consultation and answers it from the knowledge base; the dispatcher routes the complaint to 三亚, which returns
// it; the dispatcher re-routes it to 海口, which signs and replies; the applicant rates it 不满意 and it is reopened;
// 海口 replies again, the applicant rates it 满意 and it closes; the dispatcher's indicators count it.
// Each person in a fresh browser context. Needs the demo profile (YIWANG_DEMO_PASSWORD).
import assert from 'node:assert/strict'
import { step, login, password } from './support.mjs'

export const timeoutMs = 240_000

// The classification cascader is filterable: type a class's name and take the first suggestion.
async function pickClass(page, scope, name) {
  const input = scope.locator('.el-form-item', { hasText: '诉求分类' }).locator('.el-cascader input').first()
  await input.click()
  await input.fill(name)
  await page.locator('.el-cascader__suggestion-item:visible', { hasText: name }).first().click()
}

async function openTicket(page, no, view) {
  await page.goto(`/workbench/hotline?view=${view}`)
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
  await page.locator(`[data-ticket="${no}"]`).click()
  await page.getByRole('dialog', { name: no }).waitFor()
}

async function act(page, action, text) {
  const drawer = page.locator('.el-drawer')
  if (text) await drawer.locator('#hl-text').fill(text)
  const done = page.waitForResponse((r) => r.url().includes(`/${action}`) && r.request().method() === 'POST')
  await drawer.locator(`[data-action="${action}"]`).click()
  const response = await done
  assert.equal(response.status(), 200, `${action}: ${await response.text()}`)
}

async function route(page, no, agencyName) {
  await openTicket(page, no, 'pending')
  await page.locator('.el-drawer .el-select').filter({ has: page.locator('#hl-agency') }).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: agencyName }).first().click()
  await act(page, 'dispatch')
}

async function rate(page, no, label, comment) {
  await page.goto('/me/hotline')
  await page.locator(`[data-rate="${no}"]`).click()
  const dialog = page.getByRole('dialog', { name: '评价' })
  await dialog.getByText(label, { exact: true }).click()
  if (comment) await dialog.locator('textarea').fill(comment)
  const done = page.waitForResponse((r) => r.url().endsWith(`/${no}/rating`))
  await dialog.getByRole('button', { name: '评价', exact: true }).click()
  assert.equal((await done).status(), 200)
}

export default async function hotline(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const stamp = Date.now().toString(36)

  const no = await step('citizen-complains', page, ctx, async () => {
    await login(page, 'applicant')
    await page.goto('/hotline')
    await page.getByText('投诉', { exact: true }).first().click()
    await pickClass(page, page, '预付卡消费')
    await page.locator('#portal-content').fill(`海口市龙华区某健身房闭店，预付卡余额无法退还（${stamp}）`)
    await page.locator('#portal-address').fill('海口市龙华区金龙路 1 号')
    const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/hotline/tickets') && r.request().method() === 'POST')
    await page.getByTestId('hotline-submit').click()
    const response = await filed
    assert.equal(response.status(), 201, await response.text())
    const ticket = await response.json()
    await page.getByRole('status').filter({ hasText: ticket.ticketNo }).waitFor()
    await ctx.screenshot('hotline-portal-filed')
    return ticket.ticketNo
  })

  await step('portal-knowledge', page, ctx, async () => {
    await page.locator('#portal-kb').fill('社保卡丢了怎么办')
    await page.getByTestId('kb-search').click()
    await page.getByText('社保卡丢失了怎么挂失？').first().waitFor()
    await ctx.screenshot('hotline-portal-knowledge')
  })

  await step('operator-answers-from-knowledge', page, ctx, async () => {
    const operator = await ctx.newPage()
    await login(operator, 'operator')
    await operator.goto('/workbench/hotline')
    await operator.getByTestId('hotline-intake').click()
    const dialog = operator.getByRole('dialog', { name: '来电登记' })
    await dialog.locator('#hl-phone').fill('13876540002')
    await pickClass(operator, dialog, '政务服务')
    await dialog.locator('#hl-content').fill(`来电咨询外地人如何办理居住证（${stamp}）`)
    await dialog.locator('#hl-kb').fill('居住证怎么办')
    await dialog.getByTestId('kb-search').click()
    await dialog.getByText('居住证怎么办理？需要什么条件？').click()
    await dialog.locator('[data-kb]:visible').first().click()
    await dialog.getByRole('status').filter({ hasText: '居住证' }).waitFor()
    const answered = operator.waitForResponse((r) => r.url().endsWith('/answer'))
    await dialog.getByTestId('hotline-file').click()
    const response = await answered
    assert.equal(response.status(), 200, await response.text())
    const ticket = await response.json()
    assert.equal(ticket.state, 'ANSWERED')
    assert.ok(ticket.knowledgeId, 'the answer does not cite the knowledge-base entry')
    await operator.getByRole('dialog', { name: ticket.ticketNo }).waitFor()
    await ctx.screenshot('hotline-operator-answered', operator)
  })

  const dispatcher = await ctx.newPage()
  const sanya = await ctx.newPage()
  const haikou = await ctx.newPage()

  await step('dispatcher-routes-to-sanya', dispatcher, ctx, async () => {
    await login(dispatcher, 'dispatcher')
    await route(dispatcher, no, '三亚市市场监督管理局')
  })

  await step('sanya-returns', sanya, ctx, async () => {
    await login(sanya, 'sy.accept')
    await openTicket(sanya, no, 'agency')
    await act(sanya, 'return', '事发地在海口市龙华区，不属于三亚市管辖')
  })

  await step('dispatcher-reroutes-to-haikou', dispatcher, ctx, () => route(dispatcher, no, '海口市市场监督管理局'))

  await step('haikou-signs-and-replies', haikou, ctx, async () => {
    await login(haikou, 'hk.accept')
    await openTicket(haikou, no, 'agency')
    await act(haikou, 'sign')
    await act(haikou, 'reply', '已约谈经营者，退款方案已确定，请于本周内到门店办理。')
    await ctx.screenshot('hotline-agency-replied', haikou)
  })

  await step('citizen-unsatisfied-reopens', page, ctx, async () => {
    await rate(page, no, '不满意', '门店仍未退款')
    await haikou.goto('/workbench/hotline?view=agency')
    await haikou.locator(`[data-ticket="${no}"]`).waitFor()
  })

  await step('haikou-replies-again', haikou, ctx, async () => {
    await openTicket(haikou, no, 'agency')
    await act(haikou, 'sign')
    await act(haikou, 'reply', '经营者已退款 3000 元，请查收。')
  })

  await step('citizen-satisfied-closes', page, ctx, async () => {
    await rate(page, no, '满意')
    await page.goto('/me/hotline')
    await page.getByRole('row').filter({ hasText: no }).getByText('已办结').waitFor()
  })

  await step('indicators-count-it', dispatcher, ctx, async () => {
    // The day the ticket was received on the server's clock, which the test suite may have moved off the browser's.
    const rows = await dispatcher.evaluate(async (ticketNo) => {
      const ticket = await (await fetch(`/api/v1/hotline/tickets/${ticketNo}`, { credentials: 'same-origin' })).json()
      const day = ticket.receivedAt.slice(0, 10)
      const r = await fetch(`/api/v1/hotline/indicators?from=${day}&to=${day}`, { credentials: 'same-origin' })
      return r.json()
    }, no)
    const haikouRow = rows.find((r) => r.agencyName === '海口市市场监督管理局')
    assert.ok(haikouRow, `no indicators for 海口市市场监督管理局: ${JSON.stringify(rows)}`)
    assert.ok(haikouRow.closed >= 1 && haikouRow.reopened >= 1, JSON.stringify(haikouRow))
  })
}
