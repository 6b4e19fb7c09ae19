// 无障碍: the whole way from the home page to a submitted application with the keyboard only (Tab, Shift+Tab,
// Enter, Space, typing — no mouse, no clicks, no fill()): the skip link, the large-text and high-contrast
// toggles (axe runs in that mode), search, the guide, logging in as the demo applicant, the form, the materials
// (Space on the file input opens the chooser; the journey answers it as the OS dialog would) and the submit.
// Every control reached shows a visible focus indicator.
import assert from 'node:assert/strict'
import { step, password, toastsGone } from './support.mjs'

export const timeoutMs = 240_000

const AGENCY = '海口市市场监督管理局'
const MAX_TABS = 120

// What has focus now, and whether it is visibly marked: an outline or a ring on it or on the Element Plus
// wrapper that draws focus for its inner <input>, or (for the visually hidden file input) on its label.
function focusState() {
  const el = document.activeElement
  if (!el || el === document.body) return { tag: 'BODY', dataset: {} }
  const marked = (node) => {
    if (!node) return false
    const s = getComputedStyle(node)
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none')
  }
  const wrapper = el.closest('.el-input__wrapper, .el-textarea, .el-select__wrapper')
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null
  return {
    tag: el.tagName,
    id: el.id,
    type: el.getAttribute('type'),
    href: el.getAttribute('href'),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    dataset: { ...el.dataset },
    inMaterial: el.closest('[data-material-id]')?.dataset.materialId || null,
    visible: marked(el) || marked(wrapper) || marked(label) || (wrapper?.classList.contains('is-focus') ?? false),
  }
}

// Presses Tab (or Shift+Tab) until the focused element satisfies `want`; fails naming what was passed.
async function tabTo(page, what, want, { back = false } = {}) {
  const seen = []
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const state = await page.evaluate(focusState)
    if (want(state)) {
      assert.ok(state.visible, `${what} has keyboard focus but no visible focus indicator`)
      return state
    }
    seen.push(state.text || state.id || state.tag)
  }
  throw new Error(`${what} not reached with ${back ? 'Shift+Tab' : 'Tab'}; passed: ${seen.slice(-25).join(' | ')}`)
}

// Space on the material's file input opens the chooser. When the list re-rendered under the focus just then (the
// previous upload's answer arriving), the key press went nowhere: step back and Tab to the input again.
async function openChooser(page, material) {
  const isInput = (s) => s.tag === 'INPUT' && s.type === 'file' && s.inMaterial === String(material.id)
  for (let attempt = 1; ; attempt++) {
    await tabTo(page, `the file input of "${material.name}"`, isInput)
    try {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5_000 }), page.keyboard.press('Space')])
      return chooser
    } catch (error) {
      if (attempt === 3) throw error
      await page.keyboard.press('Shift+Tab')
    }
  }
}

// Checks the page itself once the toasts have gone.
async function axeSettled(page, ctx, name) {
  await toastsGone(page)
  await ctx.axe(name)
}

// The PNG signature and header: what the server checks a scan by.
function png() {
  return Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
}

async function findItem(page) {
  const agencies = await (await page.request.get('/api/v1/regions/4601/agencies')).json()
  const agency = agencies.find((a) => a.name === AGENCY)
  const found = await (await page.request.get(`/api/v1/catalog/items?agencyId=${agency.id}&type=1&size=50`)).json()
  // Items other journeys created with a form of their own are left alone: this one fills the default form.
  const promised = found.items.filter((item) => item.caseKind === 'PROMISED' && !item.formKey)
  assert.ok(promised.length, `${AGENCY} has no PROMISED licensing item`)
  return (await page.request.get(`/api/v1/catalog/items/${encodeURIComponent(promised[0].code)}`)).json()
}

export default async function keyboardOnly(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const item = await findItem(page)
  const required = item.materials.filter((m) => m.required)

  await step('skip-link', page, ctx, async () => {
    await page.goto('/')
    await page.getByRole('searchbox', { name: '搜索办事事项' }).waitFor()
    await page.keyboard.press('Tab')
    const first = await page.evaluate(focusState)
    assert.equal(first.href, '#main', `the first Tab stop is not the skip link but ${JSON.stringify(first)}`)
    assert.ok(first.visible, 'the skip link shows no focus indicator')
    const box = await page.locator('.skip-link').boundingBox()
    assert.ok(box && box.y >= 0, 'the focused skip link is not on screen')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
  })

  await step('display-toggles', page, ctx, async () => {
    // Back from the main content into the header (on a phone through its menu, which holds the toggles), then on
    // to the next toggle.
    if (await page.getByTestId('menu-toggle').isVisible()) {
      await tabTo(page, 'the menu toggle', (s) => s.dataset.testid === 'menu-toggle', { back: true })
      await page.keyboard.press('Enter')
      await tabTo(page, 'the large-text toggle', (s) => s.dataset.display === 'largeText')
    } else {
      await tabTo(page, 'the large-text toggle', (s) => s.dataset.display === 'largeText', { back: true })
    }
    await page.keyboard.press('Enter')
    await tabTo(page, 'the high-contrast toggle', (s) => s.dataset.display === 'highContrast')
    await page.keyboard.press('Space')
    const classes = await page.evaluate(() => document.documentElement.className)
    assert.match(classes, /yw-large-text/)
    assert.match(classes, /yw-high-contrast/)
    assert.equal(await page.locator('[data-display="highContrast"]').getAttribute('aria-pressed'), 'true')
    await page.reload()
    await page.getByRole('searchbox', { name: '搜索办事事项' }).waitFor()
    assert.match(await page.evaluate(() => document.documentElement.className), /yw-large-text.*yw-high-contrast|yw-high-contrast.*yw-large-text/,
      'the display settings did not survive a reload')
    await ctx.screenshot('kbd-home-toggled')
    await axeSettled(page, ctx, 'kbd-home-toggled')
  })

  await step('search', page, ctx, async () => {
    await tabTo(page, 'the search box', (s) => s.tag === 'INPUT' && s.type === 'search')
    await page.keyboard.type(item.code)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    await page.locator(`a[href="/items/${encodeURIComponent(item.code)}"]`).first().waitFor()
    await axeSettled(page, ctx, 'kbd-search-toggled')
    await tabTo(page, `the result ${item.code}`, (s) => s.href === `/items/${encodeURIComponent(item.code)}`)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: item.name }).waitFor()
  })

  await step('guide', page, ctx, async () => {
    await ctx.screenshot('kbd-guide-toggled')
    await axeSettled(page, ctx, 'kbd-guide-toggled')
    await tabTo(page, 'the apply link', (s) => s.href === `/apply/${encodeURIComponent(item.code)}`)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/login\?redirect=/)
  })

  await step('login', page, ctx, async () => {
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor()
    await tabTo(page, 'the user name field', (s) => s.id === 'login-username')
    await page.keyboard.type('applicant')
    await tabTo(page, 'the password field', (s) => s.id === 'login-password')
    await page.keyboard.type(password)
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/apply/${item.code}`))
  })

  await step('form', page, ctx, async () => {
    await page.getByRole('heading', { level: 1, name: item.name }).waitFor()
    await tabTo(page, 'the purpose field', (s) => s.id === 'apply-purpose')
    await page.keyboard.type('键盘办理：申请该事项。')
    const contact = await tabTo(page, 'the contact field', (s) => s.id === 'apply-contact')
    if (!contact.text) await page.keyboard.type('键盘联系人')
    await tabTo(page, 'the phone field', (s) => s.id === 'apply-phone')
    await page.keyboard.type('13800138000')
    await ctx.screenshot('kbd-form')
    await tabTo(page, 'the next button', (s) => s.tag === 'BUTTON' && s.text === '下一步')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 2, name: '上传材料' }).waitFor()
  })

  await step('materials', page, ctx, async () => {
    for (const material of required) {
      const chooser = await openChooser(page, material)
      const name = `kbd-${material.seq}.png`
      await chooser.setFiles({ name, mimeType: 'image/png', buffer: png() })
      await page.locator(`[data-material-id="${material.id}"]`).getByRole('link', { name }).waitFor()
    }
    await ctx.screenshot('kbd-materials')
    await axeSettled(page, ctx, 'kbd-materials-toggled')
    await tabTo(page, 'the next button', (s) => s.tag === 'BUTTON' && s.text === '下一步')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 2, name: '确认提交' }).waitFor()
  })

  await step('submit', page, ctx, async () => {
    await tabTo(page, 'the submit button', (s) => s.tag === 'BUTTON' && s.text === '确认提交')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: '申请已提交' }).waitFor()
    const no = (await page.getByTestId('application-no').innerText()).trim()
    assert.match(no, /^\d{20}[0-9A-Z]$/, `no application number shown (${no})`)
    await ctx.screenshot('kbd-done')
    await axeSettled(page, ctx, 'kbd-done-toggled')
    console.log(`  submitted ${no} by keyboard only`)
  })
}
