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

// start → user task (candidate group ${acceptGroup}) → end, with its drawing; key is the process id.
export function newModelXml(key, name, taskName) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:flowable="http://flowable.org/bpmn"
  id="Definitions_${key}" targetNamespace="http://www.flowable.org/processdef">
  <bpmn:process id="${key}" name="${escapeAttr(name)}" isExecutable="true">
    <bpmn:startEvent id="start">
      <bpmn:outgoing>flow_start_accept</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="accept" name="${escapeAttr(taskName)}" flowable:candidateGroups="\${acceptGroup}">
      <bpmn:incoming>flow_start_accept</bpmn:incoming>
      <bpmn:outgoing>flow_accept_end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end">
      <bpmn:incoming>flow_accept_end</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="flow_start_accept" sourceRef="start" targetRef="accept" />
    <bpmn:sequenceFlow id="flow_accept_end" sourceRef="accept" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${key}">
    <bpmndi:BPMNPlane id="Plane_${key}" bpmnElement="${key}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="accept_di" bpmnElement="accept">
        <dc:Bounds x="240" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end">
        <dc:Bounds x="392" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="flow_start_accept_di" bpmnElement="flow_start_accept">
        <di:waypoint x="188" y="120" />
        <di:waypoint x="240" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="flow_accept_end_di" bpmnElement="flow_accept_end">
        <di:waypoint x="340" y="120" />
        <di:waypoint x="392" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`
}
