// The modeller's vocabulary: Flowable candidate groups the platform resolves, and a new model's template.

// Template groups: the engine resolves them from process variables the platform sets when an application starts.
export const TEMPLATE_GROUPS = ['${acceptGroup}', '${reviewGroup}', '${decideGroup}', '${headGroup}']
// Staff roles an explicit group names (agency:{id}:{ROLE}).
export const AGENCY_ROLES = ['ACCEPT', 'REVIEW', 'APPROVE', 'HEAD', 'SUPERVISE']
const AGENCY_GROUP = /^agency:(\d+):([A-Z_]+)$/

export const agencyGroup = (agencyId, role) => `agency:${agencyId}:${role}`

export function parseAgencyGroup(value) {
  const match = AGENCY_GROUP.exec(value || '')
  return match ? { agencyId: Number(match[1]), role: match[2] } : null
}

// An XML id (NCName without colons), which is also what Flowable accepts as a process key.
export const ELEMENT_ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/

const escapeAttr = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

// What kind of step a user task is (flowable:category): the workbench offers that kind's actions.
export const STEP_KINDS = ['accept', 'review', 'decide', 'instant']

// A new model: 受理 → (accepted?) → 审查 → 审批决定 → 办结, refusals ending at 不予受理; each user task with its kind
// and template group, so it deploys as drawn and the admin adjusts from there. key is the process id.
export function newModelXml(key, name, names) {
  const task = (id, kind, group, label, x) => ({ id, kind, group, label, x })
  const tasks = [
    task('accept', 'accept', '${acceptGroup}', names.accept, 230),
    task('review', 'review', '${reviewGroup}', names.review, 490),
    task('decide', 'decide', '${decideGroup},${headGroup}', names.decide, 640),
  ]
  const flows = [
    ['flow_start_accept', 'start', 'accept', [[188, 120], [230, 120]]],
    ['flow_accept_outcome', 'accept', 'outcome', [[330, 120], [375, 120]]],
    ['flow_accepted', 'outcome', 'review', [[425, 120], [490, 120]], "${outcome == 'accept'}"],
    ['flow_refused', 'outcome', 'refused', [[400, 145], [400, 222]]],
    ['flow_review_decide', 'review', 'decide', [[590, 120], [640, 120]]],
    ['flow_decide_conclude', 'decide', 'conclude', [[740, 120], [790, 120]]],
    ['flow_conclude_end', 'conclude', 'end', [[890, 120], [942, 120]]],
  ]
  const incoming = (id) => flows.filter((f) => f[2] === id).map((f) => `      <bpmn:incoming>${f[0]}</bpmn:incoming>`)
  const outgoing = (id) => flows.filter((f) => f[1] === id).map((f) => `      <bpmn:outgoing>${f[0]}</bpmn:outgoing>`)
  const links = (id) => [...incoming(id), ...outgoing(id)].join('\n')
  const shape = (id, x, y, w, h) =>
    `      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:flowable="http://flowable.org/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="Definitions_${key}" targetNamespace="http://www.flowable.org/processdef">
  <bpmn:process id="${key}" name="${escapeAttr(name)}" isExecutable="true">
    <bpmn:startEvent id="start">
${links('start')}
    </bpmn:startEvent>
${tasks
  .map(
    (t) => `    <bpmn:userTask id="${t.id}" name="${escapeAttr(t.label)}" flowable:category="${t.kind}" flowable:candidateGroups="${t.group}">
${links(t.id)}
    </bpmn:userTask>`,
  )
  .join('\n')}
    <bpmn:exclusiveGateway id="outcome" name="${escapeAttr(names.outcome)}" default="flow_refused">
${links('outcome')}
    </bpmn:exclusiveGateway>
    <bpmn:serviceTask id="conclude" name="${escapeAttr(names.conclude)}" flowable:expression="\${lifecycle.conclude(execution)}">
${links('conclude')}
    </bpmn:serviceTask>
    <bpmn:endEvent id="end">
${links('end')}
    </bpmn:endEvent>
    <bpmn:endEvent id="refused" name="${escapeAttr(names.refused)}">
${links('refused')}
    </bpmn:endEvent>
${flows
  .map(([id, from, to, , condition]) =>
    condition
      ? `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeAttr(condition)}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`
      : `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`,
  )
  .join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${key}">
    <bpmndi:BPMNPlane id="Plane_${key}" bpmnElement="${key}">
${shape('start', 152, 102, 36, 36)}
${tasks.map((t) => shape(t.id, t.x, 80, 100, 80)).join('\n')}
${shape('outcome', 375, 95, 50, 50)}
${shape('conclude', 790, 80, 100, 80)}
${shape('end', 942, 102, 36, 36)}
${shape('refused', 382, 222, 36, 36)}
${flows
  .map(
    ([id, , , points]) => `      <bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">
${points.map(([x, y]) => `        <di:waypoint x="${x}" y="${y}" />`).join('\n')}
      </bpmndi:BPMNEdge>`,
  )
  .join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`
}
