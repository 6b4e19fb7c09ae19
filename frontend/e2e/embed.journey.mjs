// Embedding from another site: a second HTTP server (another origin) serves a "city portal" page that drops in
// the search and the progress query with public/embed.js, and also tries to frame an ordinary page (/search).
// The embeds work there; the ordinary page is refused by its frame-ancestors 'self'.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'

function hostPage(base) {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>某市人民政府门户网站</title></head>
<body>
<main>
<h1>某市人民政府门户网站</h1>
<h2>办事服务</h2>
<script src="${base}/embed.js" data-widget="search" async></script>
<h2>进度查询</h2>
<script src="${base}/embed.js" data-widget="progress" data-height="360" async></script>
<h2>不可嵌入的页面</h2>
<iframe id="plain" title="普通页面" src="${base}/search" style="width:100%;height:200px"></iframe>
</main>
</body>
</html>`
}

async function startHost(base) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end(hostPage(base))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

export default async function embed(page, ctx) {
  const server = await startHost(ctx.baseURL)
  try {
    const hostURL = `http://127.0.0.1:${server.address().port}/`
    assert.notEqual(new URL(hostURL).origin, new URL(ctx.baseURL).origin, 'the host page must be another origin')
    await page.goto(hostURL)

    const search = page.frameLocator('iframe[data-yiwang-widget="search"]')
    const box = search.getByRole('searchbox', { name: '搜索办事事项' })
    await box.waitFor()
    await box.fill('食品经营')
    await box.press('Enter')
    const first = search.locator('.embed__list a').first()
    await first.waitFor()
    assert.equal(await first.getAttribute('target'), '_blank', 'results must open the portal in a new tab')
    assert.match(await first.getAttribute('href'), /^\/items\//)
    // The frame grows with its results (the embed page reports its height to embed.js).
    await page.waitForFunction(() => {
      const frame = document.querySelector('iframe[data-yiwang-widget="search"]')
      return frame && frame.getBoundingClientRect().height > 480
    })

    const progress = page.frameLocator('iframe[data-yiwang-widget="progress"]')
    await progress.getByRole('heading', { level: 1, name: '办事进度查询' }).waitFor()
    await progress.getByLabel('办件编号').waitFor()
    await ctx.screenshot('embed-host')

    // The ordinary page is refused: chromium shows its error page in that frame instead of the app.
    await page.waitForFunction(() => document.querySelector('#plain')?.contentWindow)
    const plain = await (await page.locator('#plain').elementHandle()).contentFrame()
    for (let i = 0; i < 50 && !plain.url().startsWith('chrome-error:'); i++) await page.waitForTimeout(100)
    assert.match(plain.url(), /^chrome-error:/, `/search was loaded inside another site's frame (${plain.url()})`)
    assert.equal(await plain.evaluate(() => Boolean(document.querySelector('#app'))), false)

    await page.goto('/embed/search')
    await page.getByRole('searchbox', { name: '搜索办事事项' }).waitFor()
    assert.equal(await page.locator('.site-header').count(), 0, 'the embed page must come without the portal header')
    await ctx.axe('embed-search')
    await page.goto('/embed/progress')
    await page.getByRole('heading', { level: 1, name: '办事进度查询' }).waitFor()
    await ctx.axe('embed-progress')
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}
