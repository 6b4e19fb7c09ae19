// The clerk's workbench as hk.accept sees it: the tabs with their counts, the live to-do stream, the 外出代理
// dialog, axe on the list, the filter bar (a filter reaches the API and survives a reload), and — when there is a
// to-do task at all — the task page with its BPMN diagram drawn by bpmn-js. Then hk.supervisor's 差评整改 page.
// Depends on no particular task: the demo server may have none. Needs YIWANG_DEMO_PASSWORD.
import assert from 'node:assert/strict'
import { step, login, password } from './support.mjs'

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

  await step('filters', page, ctx, async () => {
    // On a phone the whole bar folds behind one toggle; on a desk the clock sits behind 更多筛选.
    await page.getByTestId(ctx.viewport.width <= 640 ? 'filter-toggle' : 'filter-more').click()
    await page.locator('.el-select').filter({ has: page.locator('#task-clock') }).click()
    const asked = page.waitForRequest((r) => {
      const url = new URL(r.url())
      return url.pathname === '/api/v1/workbench/tasks' && url.searchParams.get('clock') === 'RED'
    })
    await Promise.all([asked, page.locator('.el-select-dropdown__item:visible', { hasText: '已超期' }).first().click()])
    await page.waitForURL((url) => url.searchParams.get('clock') === 'RED')
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    await ctx.axe('workbench-filters')
    // A reload keeps the filter: the list asks for it again and the select shows it.
    await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).searchParams.get('clock') === 'RED'),
      page.reload(),
    ])
    const shown = await page.locator('.task-filters').innerText()
    assert.match(shown, /已超期/, 'after a reload the clock filter is no longer shown')
    await page.getByTestId('filter-clear').click()
    await page.waitForURL((url) => !url.searchParams.has('clock'))
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
  })

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

  await step('rectifications', page, ctx, async () => {
    // Another person on the same page (axe checks only the journey's first page): drop the clerk's session.
    await page.context().clearCookies()
    await login(page, 'hk.supervisor')
    // 全部 with the level and agency filters (the agencies of the supervisor's region) from the URL.
    await page.goto('/workbench?view=all&level=CITY_COUNTY')
    await page.locator('#task-agency').waitFor({ state: 'attached' })
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    await ctx.screenshot('workbench-all-filters')
    await ctx.axe('workbench-all-filters')
    // 全部 lists cases in every state: filtered to 已办结, it shows concluded cases only (the state column is a
    // wide screen's).
    await page.goto('/workbench?view=all&status=CONCLUDED')
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    await page.locator('#task-state').waitFor({ state: 'attached' })
    const states = await page.locator('.el-table__row .status-tag').allInnerTexts()
    assert.ok(states.every((s) => s.trim() === '已办结'), `the 已办结 filter lists other states: ${[...new Set(states)].join('、')}`)
    console.log(`  hk.supervisor: ${states.length} concluded cases on the first page`)
    await page.getByRole('link', { name: '差评整改' }).click()
    await page.getByRole('heading', { level: 1, name: '差评整改' }).waitFor()
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    const rows = await page.locator('.rectify .el-table__row').count()
    console.log(`  hk.supervisor: ${rows} bad ratings on the first page`)
    await ctx.screenshot('workbench-rectifications')
    await ctx.axe('workbench-rectifications')
  })
}
