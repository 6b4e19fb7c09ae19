// The clerk's workbench as hk.accept sees it: the tabs with their counts, the live to-do stream, the 外出代理
// dialog, axe on the list, and — when there is a to-do task at all — the task page with its BPMN diagram drawn
// by bpmn-js.
// Depends on no particular task: the demo server may have none. Needs YIWANG_DEMO_PASSWORD.
import assert from 'node:assert/strict'
import { step, password } from './support.mjs'

const USERNAME = 'hk.accept'

export default async function workbench(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')

  await step('login', page, ctx, async () => {
    await page.goto('/login')
    await page.locator('#login-username').fill(USERNAME)
    await page.locator('#login-password').fill(password)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(async () => {
      const message = await page.locator('.el-message').allInnerTexts()
      throw new Error(`login as ${USERNAME} did not succeed: ${message.join(' ') || 'no message shown'}`)
    })
  })

  const todo = await step('tabs', page, ctx, async () => {
    // The to-do badge is pushed by server-sent events; the stream answers at once with its first count.
    const live = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/workbench/events', { timeout: 15_000 })
    await page.goto('/workbench')
    const stream = await live
    assert.equal(stream.status(), 200, 'the live to-do stream was refused')
    assert.match(stream.headers()['content-type'] || '', /^text\/event-stream/)
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor()
    const counts = {}
    for (const name of ['待办', '已办', '抄送']) {
      const tab = page.getByRole('tab', { name: new RegExp(`^${name} \\(\\d+\\)$`) })
      await tab.waitFor().catch(async () => {
        const shown = await page.getByRole('tab').allInnerTexts()
        throw new Error(`no tab "${name} (n)" with a count; tabs: ${shown.join(' | ')}`)
      })
      counts[name] = Number((await tab.innerText()).match(/\((\d+)\)/)[1])
    }
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    console.log(`  ${USERNAME}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`)
    await ctx.screenshot('workbench-list')
    return counts['待办']
  })

  await step('substitute-dialog', page, ctx, async () => {
    await page.getByRole('button', { name: '外出代理' }).click()
    const dialog = page.getByRole('dialog', { name: '外出代理' })
    await dialog.waitFor()
    await dialog.getByTestId('substitute-current').waitFor()
    await dialog.getByLabel('代理人（工作人员用户名）').waitFor()
    await ctx.screenshot('workbench-substitute')
    await dialog.getByRole('button', { name: '取消', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  await step('axe-list', page, ctx, () => ctx.axe('workbench-list'))

  await step('task-diagram', page, ctx, async () => {
    if (!todo) {
      console.log(`  ${USERNAME} has no to-do task: the task page and its diagram were not checked`)
      return
    }
    await page.locator('.tasks__no').first().click()
    await page.waitForURL(/\/workbench\/tasks\//)
    await page.getByRole('heading', { level: 2, name: '流程图' }).waitFor()
    await page.locator('.djs-container').waitFor({ timeout: 20_000 }).catch(async () => {
      const shown = await page.locator('.diagram').innerText().catch(() => '')
      throw new Error(`no bpmn-js canvas on the task page: ${shown.slice(0, 300)}`)
    })
    const shapes = await page.locator('.djs-container .djs-shape').count()
    assert.ok(shapes > 0, 'the diagram canvas shows no shapes')
    const marked = await page.locator('.djs-container .yw-step-active').count()
    console.log(`  task page diagram: ${shapes} shapes, ${marked} marked current`)
    await ctx.screenshot('workbench-task')
  })
}
