// 智能问答 and 智能推送: the applicant asks the assistant about opening a restaurant and applies from its answer,
// follows the item, and sees the push when an administrator changes the item's guide. The portal is an installable
// app: its manifest and service worker load, and nothing the pages do reaches outside the origin.
import assert from 'node:assert/strict'
import { login, step, toastsGone } from './support.mjs'

export const timeoutMs = 180_000

// Everything a page requests must come from the portal itself (or be inline data).
function watchOrigin(page, origin, outside) {
  page.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) outside.push(url)
  })
}

export default async function assistantJourney(page, ctx) {
  const origin = new URL(ctx.baseURL).origin
  const outside = []
  watchOrigin(page, origin, outside)

  const code = await step('ask-and-apply', page, ctx, async () => {
    await login(page, 'applicant')
    await page.goto('/')
    await page.locator('[data-test="assistant-open"]').click()
    const panel = page.getByRole('dialog', { name: '智能客服' })
    await panel.getByRole('textbox', { name: '请输入您的问题' }).fill('我想开一家小餐馆')
    await panel.getByRole('button', { name: '发送' }).click()
    const licence = panel.locator('[data-test="assistant-item"]', { hasText: '食品' }).first()
    // Retrieval over every guide: allow for a loaded machine.
    await licence.waitFor({ timeout: 60_000 })
    const name = (await licence.getByRole('link').innerText()).trim()
    await ctx.screenshot('answer')
    await licence.locator('[data-test="assistant-apply"]').click()
    await page.waitForURL(/\/apply\/[^/]+$/)
    await page.getByRole('heading', { level: 1, name }).waitFor()
    return decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  })

  const itemName = await step('follow', page, ctx, async () => {
    await page.goto(`/items/${encodeURIComponent(code)}`)
    const heading = page.getByRole('heading', { level: 1 })
    await heading.waitFor()
    const follow = page.getByTestId('follow-item')
    // An earlier run (the other screen size) may have left it followed: start from not following.
    await follow.filter({ hasText: /关注/ }).waitFor()
    if ((await follow.getAttribute('aria-pressed')) === 'true') {
      await follow.click()
      await page.getByTestId('follow-item').and(page.locator('[aria-pressed="false"]')).waitFor()
    }
    await follow.click()
    await page.getByTestId('follow-item').and(page.locator('[aria-pressed="true"]')).waitFor()
    assert.equal((await follow.innerText()).trim(), '取消关注')
    await toastsGone(page)
    await ctx.axe('guide-followed')
    return (await heading.innerText()).trim()
  })

  await step('administrator-changes-the-guide', page, ctx, async () => {
    const admin = await ctx.newPage()
    await login(admin, 'admin')
    await admin.goto(`/admin/items/${encodeURIComponent(code)}`)
    await admin.getByTestId('item-state').waitFor()
    await admin.locator('#item-fee-basis').fill(`《海南省行政事业性收费目录》（${Date.now()}）`)
    const saved = admin.waitForResponse(
      (r) => r.url().includes('/api/v1/admin/items/') && r.request().method() === 'PUT',
      { timeout: 60_000 },
    )
    await admin.getByRole('button', { name: '保存', exact: true }).click()
    const answer = await saved
    if (answer.status() !== 200) {
      await ctx.screenshot('admin-save-FAILED', admin)
      throw new Error(`saving the item answered ${answer.status()}: ${await answer.text()}`)
    }
  })

  await step('sees-the-push', page, ctx, async () => {
    // The open page hears of it live (the message stream ticks every few seconds), then the message centre has it.
    await page.locator('.el-message', { hasText: '条新消息' }).waitFor({ timeout: 60_000 })
    await page.goto('/me/messages')
    const message = page.getByRole('button', { name: new RegExp(`您关注的事项办事指南已更新：${itemName.replace(/[()（）]/g, '.')}`) })
    await message.first().waitFor()
    await message.first().click()
    await page.getByText(`/items/${code}`).first().waitFor()
    await ctx.screenshot('pushed')
  })

  await step('installable-without-network', page, ctx, async () => {
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
    const manifest = await (await page.request.get(manifestHref)).json()
    assert.equal(manifest.display, 'standalone')
    for (const icon of manifest.icons) {
      const answer = await page.request.get(icon.src)
      assert.equal(answer.status(), 200, `icon ${icon.src}`)
      assert.equal(answer.headers()['content-type'], 'image/png')
    }
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready
      return registration.active?.scriptURL || ''
    })
    assert.equal(worker, `${origin}/sw.js`)
    // Once the worker controls the page, a guide read is kept for offline use.
    await page.reload()
    await page.goto(`/items/${encodeURIComponent(code)}`)
    await page.getByRole('heading', { level: 1, name: itemName }).waitFor()
    const cached = await page.evaluate(async (c) => {
      const names = await caches.keys()
      for (const n of names) {
        const hit = await (await caches.open(n)).match(`/api/v1/catalog/items/${encodeURIComponent(c)}`)
        if (hit) return true
      }
      return false
    }, code)
    assert.ok(cached, 'the guide just read is not in the offline cache')
    assert.deepEqual(outside, [], 'requests outside the origin')
  })
}
