// The process modeller as the demo admin uses it: the model list (axe), import of a small BPMN file made here
// (start → user task of kind review for ${acceptGroup} → end, a process id of its own per run), the bpmn-js Modeler with the
// task's Flowable candidate group in the properties panel, validation, deployment as version 1 (listed among
// the versions), and a test run (试运行) walked to its end and ended.
// Depends on nothing but the demo admin account. Needs YIWANG_DEMO_PASSWORD.
import assert from 'node:assert/strict'
import { step, password } from './support.mjs'

const USERNAME = 'admin'
export const timeoutMs = 180_000

function bpmn(key) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" targetNamespace="http://www.flowable.org/processdef">
  <process id="${key}" name="E2E 模型 ${key}" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="accept" />
    <userTask id="accept" name="受理" flowable:category="review" flowable:candidateGroups="\${acceptGroup}" />
    <sequenceFlow id="f2" sourceRef="accept" targetRef="end" />
    <endEvent id="end" />
  </process>
  <bpmndi:BPMNDiagram id="d_${key}">
    <bpmndi:BPMNPlane id="p_${key}" bpmnElement="${key}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="accept_di" bpmnElement="accept"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="350" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="290" y="118" /><di:waypoint x="350" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>
`
}

export default async function adminModeler(page, ctx) {
  assert.ok(password, 'YIWANG_DEMO_PASSWORD is not set; the demo accounts need it')
  const key = `e2eModel${Date.now()}`

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

  await step('list', page, ctx, async () => {
    await page.goto('/admin/models')
    await page.getByRole('heading', { level: 1, name: '流程建模' }).waitFor()
    await page.getByRole('navigation').getByRole('link', { name: '流程建模' }).waitFor()
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    await ctx.screenshot('models-list')
  })

  await step('axe-list', page, ctx, () => ctx.axe('models-list'))

  await step('import', page, ctx, async () => {
    await page.getByTestId('model-file').setInputFiles({
      name: `${key}.bpmn`,
      mimeType: 'text/xml',
      buffer: Buffer.from(bpmn(key), 'utf8'),
    })
    await page.getByRole('link', { name: new RegExp(key) }).waitFor({ timeout: 20_000 }).catch(async () => {
      const shown = await page.locator('.el-message, .el-alert').allInnerTexts()
      throw new Error(`the imported model ${key} is not listed; shown: ${shown.join(' | ') || 'nothing'}`)
    })
    await ctx.screenshot('models-imported')
  })

  await step('modeller', page, ctx, async () => {
    await page.getByRole('link', { name: new RegExp(key) }).click()
    await page.waitForURL(/\/admin\/models\/\d+$/)
    await page.locator('.djs-container').waitFor({ timeout: 30_000 }).catch(async () => {
      const shown = await page.locator('.modeler').innerText().catch(() => '')
      throw new Error(`no bpmn-js canvas on the modeller page: ${shown.slice(0, 300)}`)
    })
    await page.locator('.djs-container .djs-palette').waitFor()
    const shapes = await page.locator('.djs-container .djs-shape').count()
    assert.ok(shapes >= 3, `the canvas shows ${shapes} shapes, expected start, task and end`)
    // The palette speaks Chinese and floats beside the diagram, not over it.
    await page.locator('.djs-palette').getByRole('button', { name: '任务（办理环节）' }).waitFor()
    const palette = await page.locator('.djs-palette').boundingBox()
    const start = await page.locator('.djs-element[data-element-id="start"]').boundingBox()
    assert.ok(start.x > palette.x + palette.width, `the start event (x ${start.x}) lies under the palette (to ${palette.x + palette.width})`)
    // The task's candidate group comes through the Flowable moddle extension into the properties panel.
    await page.locator('.djs-element[data-element-id="accept"]').click()
    await page.getByTestId('candidate-groups').filter({ hasText: '${acceptGroup}' }).waitFor()
    await ctx.screenshot('modeller')
  })

  await step('validate', page, ctx, async () => {
    await page.getByRole('button', { name: '校验', exact: true }).click()
    const result = page.getByTestId('validation-result')
    await result.waitFor({ timeout: 20_000 })
    const valid = await result.getAttribute('data-valid')
    if (valid !== 'true') {
      const problems = await page.locator('.modeler__problems').innerText().catch(() => '')
      throw new Error(`the model is not valid: ${problems}`)
    }
    assert.match(await result.innerText(), /校验通过/)
    await ctx.screenshot('modeller-valid')
  })

  await step('deploy', page, ctx, async () => {
    await page.getByRole('button', { name: '部署', exact: true }).click()
    const result = page.getByTestId('deploy-result')
    await result.waitFor({ timeout: 30_000 }).catch(async () => {
      const shown = await page.locator('.el-message, .modeler__problems').allInnerTexts()
      throw new Error(`no deployment result; shown: ${shown.join(' | ') || 'nothing'}`)
    })
    const text = await result.innerText()
    assert.match(text, new RegExp(`${key} 第 1 版`))
    console.log(`  deployed: ${text.trim()}`)
    await ctx.screenshot('modeller-deployed')
  })

  await step('versions', page, ctx, async () => {
    const versions = page.getByTestId('versions')
    const row = versions.locator('.el-table__row').first()
    await row.waitFor({ timeout: 15_000 })
    assert.match(await row.innerText(), /v1[\s\S]*当前[\s\S]*admin/)
  })

  await step('test-run', page, ctx, async () => {
    const panel = page.getByTestId('test-run')
    await panel.getByRole('button', { name: '开始试运行' }).click()
    await panel.locator('code', { hasText: 'TEST-' }).waitFor({ timeout: 30_000 }).catch(async () => {
      const shown = await page.locator('.el-message').allInnerTexts()
      throw new Error(`the test run did not start; shown: ${shown.join(' | ') || 'nothing'}`)
    })
    await panel.locator('.djs-element.yw-step-active[data-element-id="accept"]').waitFor({ timeout: 20_000 })
    await ctx.screenshot('test-run')
    await ctx.axe('test-run')
    await panel.getByRole('button', { name: '完成此环节' }).click()
    await panel.getByText('流程已走完').waitFor({ timeout: 20_000 })
    await panel.getByRole('button', { name: '结束试运行' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '结束试运行' }).click()
    await panel.getByRole('button', { name: '开始试运行' }).waitFor({ timeout: 20_000 })
    await ctx.screenshot('test-run-ended')
  })
}
