// Reading the process models the server sends with a case's diagram (GET /applications/{no}/diagram).
const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL'
const DI_NS = 'http://www.omg.org/spec/BPMN/20100524/DI'

function parse(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  if (doc.getElementsByTagName('parsererror').length) throw new Error('BPMN XML does not parse')
  return doc
}

// The user steps (<userTask id name>) of a model, in document order.
export function userTasks(xml) {
  if (!xml) return []
  return [...parse(xml).getElementsByTagNameNS(BPMN_NS, 'userTask')].map((el) => ({
    id: el.getAttribute('id'),
    name: el.getAttribute('name') || el.getAttribute('id'),
  }))
}

// bpmn-auto-layout follows a node's <incoming>/<outgoing> references, which engine-written models (Flowable
// reads sourceRef/targetRef) leave out; this adds them from the sequence flows.
function withFlowReferences(doc) {
  const byId = new Map([...doc.getElementsByTagNameNS(BPMN_NS, '*')].map((el) => [el.getAttribute('id'), el]))
  const refs = new Map()
  const add = (id, kind, flowId) => {
    if (!byId.has(id)) return
    if (!refs.has(id)) refs.set(id, [])
    refs.get(id).push([kind, flowId])
  }
  for (const flow of doc.getElementsByTagNameNS(BPMN_NS, 'sequenceFlow')) {
    add(flow.getAttribute('sourceRef'), 'outgoing', flow.getAttribute('id'))
    add(flow.getAttribute('targetRef'), 'incoming', flow.getAttribute('id'))
  }
  for (const [id, list] of refs) {
    const node = byId.get(id)
    const existing = new Set([...node.children].filter((c) => c.namespaceURI === BPMN_NS).map((c) => `${c.localName}:${c.textContent.trim()}`))
    // incoming before outgoing, both ahead of event definitions, as the schema orders them.
    for (const [kind, flowId] of [...list].sort((a, b) => a[0].localeCompare(b[0])).reverse()) {
      if (existing.has(`${kind}:${flowId}`)) continue
      const ref = doc.createElementNS(BPMN_NS, kind)
      ref.textContent = flowId
      node.insertBefore(ref, node.firstChild)
    }
  }
  return new XMLSerializer().serializeToString(doc)
}

// The model ready for the viewer: as sent when it carries its own drawing (BPMN DI), else laid out here.
export async function drawable(xml) {
  const doc = parse(xml)
  if (doc.getElementsByTagNameNS(DI_NS, 'BPMNDiagram').length) return xml
  const { layoutProcess } = await import('bpmn-auto-layout')
  return layoutProcess(withFlowReferences(doc))
}
