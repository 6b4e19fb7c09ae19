// Runs every e2e/*.journey.mjs against a running yiwang (YIWANG_BASE_URL), once at desktop and once at
// phone size, in Debian's chromium. Screenshots and axe reports go to target/e2e/.
// Usage: YIWANG_BASE_URL=http://localhost:8080 node e2e/run.mjs [name filter]
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = resolve(here, '../target/e2e')
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const baseURL = (process.env.YIWANG_BASE_URL || 'http://localhost:8080').replace(/\/$/, '')
const filter = process.argv[2] || ''

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'mobile', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
]
const BLOCKING_IMPACTS = new Set(['serious', 'critical'])
// A journey module may export timeoutMs when it walks through several accounts, and extraViewports to run at
// further sizes besides desktop and 360 px.
const JOURNEY_TIMEOUT_MS = 120_000

// What a journey gets besides the page: where to save evidence, how to check accessibility, and further
// pages in fresh browser contexts (another person logged in) that close with the journey.
let axeScript
const axeSource = async () => (axeScript ??= await readFile(axePath, 'utf8'))

function journeyContext(page, label, newPage) {
  const prefix = join(outDir, label)
  return {
    baseURL,
    viewport: page.viewportSize(),
    newPage,
    // Of the journey's first page unless another (from newPage) is given.
    async screenshot(name, target = page) {
      await target.screenshot({ path: `${prefix}-${name}.png`, fullPage: true })
    },
    // Fails the journey on serious or critical axe violations of the page as it is now.
    async axe(name, options = {}) {
      // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts,
      // and it stays in force for everything the app itself does.
      await page.evaluate(await axeSource())
      const result = await page.evaluate((opts) => window.axe.run(document, opts), {
        resultTypes: ['violations'],
        ...options,
      })
      await writeFile(`${prefix}-${name}.axe.json`, JSON.stringify(result.violations, null, 2))
      const blocking = result.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact))
      if (blocking.length) {
        const lines = blocking.map(
          (v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0]?.target.join(' ')})`,
        )
        throw new Error(`axe found ${blocking.length} blocking violation(s) on ${name}:\n${lines.join('\n')}`)
      }
    },
  }
}

function withTimeout(promise, ms, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function runOne(browser, journey, viewport) {
  const label = `${journey.name}-${viewport.name}`
  const contexts = []
  const pageErrors = []
  const newPage = async () => {
    const context = await browser.newContext({
      baseURL,
      locale: 'zh-CN',
      viewport: viewport.viewport,
      isMobile: viewport.isMobile || false,
      hasTouch: viewport.hasTouch || false,
    })
    context.setDefaultTimeout(15_000)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error))
    return page
  }
  const page = await newPage()
  try {
    await withTimeout(journey.run(page, journeyContext(page, label, newPage)), journey.timeoutMs, label)
    // An uncaught exception in the app is a failure even when the journey got through.
    if (pageErrors.length) throw new Error(`uncaught error in the page: ${pageErrors[0].stack || pageErrors[0]}`)
    console.log(`ok - ${label}`)
    return true
  } catch (error) {
    await page.screenshot({ path: join(outDir, `${label}-FAILED.png`), fullPage: true }).catch(() => {})
    console.log(`not ok - ${label}\n  ${String(error.stack || error).replaceAll('\n', '\n  ')}`)
    return false
  } finally {
    await Promise.all(contexts.map((context) => context.close()))
  }
}

async function loadJourneys() {
  const files = (await readdir(here)).filter((f) => f.endsWith('.journey.mjs') && f.includes(filter)).sort()
  return Promise.all(
    files.map(async (file) => {
      const module = await import(pathToFileURL(join(here, file)).href)
      return {
        name: file.replace(/\.journey\.mjs$/, ''),
        run: module.default,
        timeoutMs: module.timeoutMs || JOURNEY_TIMEOUT_MS,
        viewports: [...VIEWPORTS, ...(module.extraViewports || [])],
      }
    }),
  )
}

await mkdir(outDir, { recursive: true })
const journeys = await loadJourneys()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
let passed = 0
let failed = 0
try {
  for (const journey of journeys) {
    for (const viewport of journey.viewports) {
      if (await runOne(browser, journey, viewport)) passed++
      else failed++
    }
  }
} finally {
  await browser.close()
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
