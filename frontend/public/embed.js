/*
 * yiwang 一网通办 embed: drop the catalogue search or the progress query into another portal's page.
 *
 *   <script src="https://zwfw.hainan.gov.cn/embed.js" data-widget="search" async></script>
 *   <script src="https://zwfw.hainan.gov.cn/embed.js" data-widget="progress" async></script>
 *
 * Inserts an iframe of /embed/search or /embed/progress right after the script tag; the frame reports its
 * height so it grows with its content. data-height sets the starting height in pixels (480), data-title the
 * frame's accessible name. Only these two pages may be framed by other sites (see the README).
 */
;(function () {
  var script = document.currentScript
  if (!script || !script.src) return
  var widget = script.getAttribute('data-widget') === 'progress' ? 'progress' : 'search'
  var origin = new URL(script.src).origin
  var height = parseInt(script.getAttribute('data-height'), 10) || 480
  var frame = document.createElement('iframe')
  frame.src = origin + '/embed/' + widget
  frame.title = script.getAttribute('data-title') || (widget === 'progress' ? '办事进度查询' : '政务服务事项搜索')
  frame.setAttribute('data-yiwang-widget', widget)
  frame.style.cssText = 'display:block;width:100%;border:0;height:' + height + 'px'
  script.parentNode.insertBefore(frame, script.nextSibling)
  window.addEventListener('message', function (event) {
    var data = event.data
    if (event.origin !== origin || event.source !== frame.contentWindow || !data || data.type !== 'yiwang-embed-height') return
    if (typeof data.height === 'number' && data.height > 0) frame.style.height = Math.ceil(data.height) + 'px'
  })
})()
