// Live preview: the admin posts a message to this frame whenever the editor changes the article.
// Drafts autosave every 1.5 s, so shortly after the last change the page reloads with the new draft.
;(function () {
  var timer
  window.addEventListener('message', function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.type !== 'payload-live-preview') return
    clearTimeout(timer)
    timer = setTimeout(function () {
      window.location.reload()
    }, 2500)
  })
  // Tell the admin the page is ready for messages.
  if (window.parent !== window) window.parent.postMessage({ type: 'payload-live-preview', ready: true }, window.location.origin)
})()
