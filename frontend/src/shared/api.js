// The one client for the backend's REST API under /api/v1.
import { ElMessage } from 'element-plus'
import { i18n } from './i18n/index.js'

const BASE = '/api/v1'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// The session's CSRF token, handed out by login and GET /auth/me; sent back on every state-changing call.
let csrfToken = null

export function setCsrfToken(token) {
  csrfToken = token || null
}

// An RFC 9457 problem detail (or a network failure, status 0) as something to throw.
export class ApiError extends Error {
  constructor({ status, code, title, detail, errors, type, parameter }) {
    super(detail || title || code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.title = title
    this.detail = detail
    this.errors = errors || []
    this.type = type
    // The request field a 400 is about, so a form can show the message next to it.
    this.parameter = parameter
  }
}

function queryString(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, value)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

async function readBody(response) {
  if (response.status === 204) return null
  const type = response.headers.get('Content-Type') || ''
  if (type.includes('json')) return response.json()
  const text = await response.text()
  return text || null
}

function problemOf(status, statusText, data) {
  const problem = data && typeof data === 'object' ? data : {}
  return new ApiError({ ...problem, status: problem.status || status, title: problem.title || statusText })
}

export async function request(method, path, { query, body, headers } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', ...headers },
  }
  if (body instanceof FormData) {
    init.body = body
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  if (!SAFE_METHODS.has(method) && csrfToken) init.headers['X-CSRF-Token'] = csrfToken

  let response
  try {
    response = await fetch(BASE + path + queryString(query), init)
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', detail: i18n.global.t('error.network') })
  }
  const data = await readBody(response).catch(() => null)
  if (!response.ok) throw problemOf(response.status, response.statusText, data)
  if (data && typeof data === 'object' && 'csrfToken' in data) setCsrfToken(data.csrfToken)
  return data
}

// Multipart POST through XMLHttpRequest, because fetch reports no upload progress; onProgress gets 0–100.
export function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', BASE + path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    xhr.onload = () => {
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data)
      else reject(problemOf(xhr.status, xhr.statusText, data))
    }
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK', detail: i18n.global.t('error.network') }))
    xhr.send(formData)
  })
}

// Where the browser fetches a stored file itself (links, <img>, <iframe>), so it goes through no client code.
export function apiUrl(path) {
  return BASE + path
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  patch: (path, body, options) => request('PATCH', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
}

// One line for a person: the server's message, the field messages, else a generic one.
export function errorMessage(error) {
  const fields = (error.errors || []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
  const main = error.detail || error.title || i18n.global.t('error.generic', { status: error.status ?? '?' })
  return [main, ...fields].join('；')
}

export function showError(error, prefix) {
  const text = errorMessage(error)
  ElMessage.error({ message: prefix ? `${prefix}：${text}` : text, showClose: true })
}
