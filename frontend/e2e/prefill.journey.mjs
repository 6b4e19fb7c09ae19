// 表单预填: the demo resident has applied for a 居住证 (a draft made through the API), then opens the 社会保障卡申领
// form in the portal and finds it filled in: who they are from the account, their 民族 and address from the
// earlier application, each field saying where its value came from.
import assert from 'node:assert/strict'
import { login, step, toastsGone } from './support.mjs'

const ADDRESS = '海南省乐东黎族自治县抱由镇乐祥路 18 号'

async function exactItem(page, name) {
  const found = await (await page.request.get(`/api/v1/catalog/items?q=${encodeURIComponent(name)}&size=50`)).json()
  const item = found.items.find((i) => i.name === name && i.formKey)
  assert.ok(item, `no item named ${name} with its own form`)
  return (await page.request.get(`/api/v1/catalog/items/${encodeURIComponent(item.code)}`)).json()
}

export default async function prefill(page, ctx) {
  await login(page, 'applicant')
  const residence = await exactItem(page, '居住证办理')
  const card = await exactItem(page, '社会保障卡申领')

  await step('first-application', page, ctx, async () => {
    const me = await (await page.request.get('/api/v1/auth/me')).json()
    const known = await (await page.request.get(`/api/v1/applications/prefill?itemCode=${residence.code}`)).json()
    const formData = Object.fromEntries(known.values.map((v) => [v.key, v.value]))
    Object.assign(formData, {
      applicantAddress: ADDRESS,
      ethnicity: '黎族',
      householdAddress: ADDRESS,
      residenceAddress: ADDRESS,
      residenceReason: '就业',
      residenceSince: '2025-03-01',
    })
    const created = await page.request.post('/api/v1/applications', {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: { itemCode: residence.code, regionCode: residence.regionCode, formData },
    })
    assert.equal(created.status(), 201, await created.text())
  })

  await step('second-application', page, ctx, async () => {
    await page.goto(`/apply/${encodeURIComponent(card.code)}`)
    const note = page.getByTestId('prefilled')
    await note.waitFor()
    const [, n, total] = (await note.innerText()).match(/预填 (\d+) 项（共 (\d+) 项）/)
    assert.ok(Number(n) * 2 >= Number(total), `only ${n} of ${total} fields pre-filled`)
    assert.equal(await page.locator('#apply-field-applicantName').inputValue(), '黎小明')
    assert.equal(await page.locator('#apply-field-ethnicity').inputValue(), '黎族')
    assert.equal(await page.locator('#apply-field-applicantAddress').inputValue(), ADDRESS)
    const hint = page.locator('[data-field="ethnicity"] .dynamic-form__hint')
    assert.match(await hint.innerText(), /以往申报：居住证办理/)
    await toastsGone(page)
    await ctx.screenshot('prefilled')
    await ctx.axe('prefilled')
  })
}
