// The bytes a first visit to a page costs: every file the browser fetches for it (API answers left out), as
// sent over the wire (compressed when the server compresses) and as unpacked. Also lists what was loaded, so a
// chunk that should not be there (bpmn-js, the admin's or workbench's code) shows up.
// Usage: YIWANG_BASE_URL=http://localhost:8080 node tools/first-load.mjs [path, default /]
import { chromium } from 'playwright-core'

const baseURL = (process.env.YIWANG_BASE_URL || 'http://localhost:8080').replace(/\/$/, '')
const path = process.argv[2] || '/'

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
})
try {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
  const files = []
  page.on('requestfinished', async (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) return
    const response = await request.response()
    files.push(
      Promise.all([request.sizes(), response.body()]).then(([sizes, body]) => ({
        path: new URL(request.url()).pathname,
        wire: sizes.responseBodySize,
        raw: body.length,
        encoding: response.headers()['content-encoding'] || '-',
      })),
    )
  })
  // Loaded once the page has drawn its content (the route's own chunk comes after the entry) and the network
  // has been quiet for a while.
  await page.goto(baseURL + path, { waitUntil: 'networkidle' })
  await page.locator('main h1, main h2').first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(2_000)
  const loaded = await Promise.all(files)
  loaded.sort((a, b) => b.raw - a.raw)
  for (const f of loaded) console.log(`${String(f.wire).padStart(8)} ${String(f.raw).padStart(8)} ${f.encoding.padEnd(5)} ${f.path}`)
  const sum = (key) => loaded.reduce((total, f) => total + f[key], 0)
  console.log(`${loaded.length} files: ${sum('wire')} bytes over the wire, ${sum('raw')} bytes unpacked`)
} finally {
  await browser.close()
}
