/**
 * The demo page. Its `EventSource` forwards the page's query string, so `/?interval=200` ticks
 * five times a second. The browser test reads `#status` and the items of `#ticks`.
 */
export const PAGE_HTML: string = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssekit ticker</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  #status { font-weight: bold; }
  #status[data-state="open"] { color: #15803d; }
  #status[data-state="reconnecting"], #status[data-state="closed"] { color: #b91c1c; }
  #ticks { font-family: ui-monospace, monospace; }
  #log { color: #555; font-size: 14px; }
</style>
</head>
<body>
<h1>ssekit ticker</h1>
<p>Connection: <output id="status" data-state="connecting">connecting</output></p>
<h2>Ticks</h2>
<ol id="ticks" reversed></ol>
<h2>Connection log</h2>
<ul id="log"></ul>
<script type="module">
  const status = document.getElementById('status')
  const ticks = document.getElementById('ticks')
  const log = document.getElementById('log')
  const source = new EventSource('/sse' + location.search)

  function show(state, text) {
    status.dataset.state = state
    status.textContent = text
    const item = document.createElement('li')
    item.textContent = new Date().toLocaleTimeString() + ' ' + text
    log.prepend(item)
  }

  source.onopen = () => show('open', 'open')
  source.onerror = () => {
    // EventSource reconnects by itself unless the server answered with an error.
    if (source.readyState === EventSource.CONNECTING) show('reconnecting', 'dropped, reconnecting')
    else show('closed', 'closed, reload the page to retry')
  }
  source.onmessage = (event) => {
    const item = document.createElement('li')
    item.textContent = event.data
    ticks.prepend(item)
    while (ticks.children.length > 20) ticks.lastElementChild.remove()
  }
</script>
</body>
</html>
`
