/**
 * The feed page: open it in two tabs and each sees the other's messages. "Drop my connection"
 * asks the server to close this tab's stream, presenting the drop token that stream handed over
 * first; the browser reconnects by itself with `Last-Event-ID` and the messages sent meanwhile
 * arrive, none missing. Tests read `#status`, `#messages li` (each with `data-id`) and `#log`, fill
 * the fields labelled "Name" and "Message", and press the "Send" and "Drop my connection" buttons.
 */
export const FEED_PAGE_HTML: string = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssekit feed</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  #status { font-weight: bold; }
  #status[data-state="open"] { color: #15803d; }
  #status[data-state="reconnecting"], #status[data-state="closed"] { color: #b91c1c; }
  form { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; }
  form p { display: flex; flex-direction: column; margin: 0; }
  form .grow { flex: 1; }
  label { font-size: 14px; }
  #messages bdi { font-weight: bold; margin-right: .5rem; }
  #log { color: #555; font-size: 14px; }
</style>
</head>
<body>
<h1>ssekit feed</h1>
<p>Open this page in two tabs: messages sent in one appear in both.</p>
<p>Connection: <output id="status" data-state="connecting">connecting</output>
  <button id="drop" type="button">Drop my connection</button></p>
<form id="compose">
  <p><label for="from">Name</label> <input id="from" required></p>
  <p class="grow"><label for="text">Message</label> <input id="text" required autocomplete="off"></p>
  <button id="send">Send</button>
</form>
<h2>Messages</h2>
<ol id="messages"></ol>
<h2>Connection log</h2>
<ul id="log"></ul>
<script type="module">
  const status = document.getElementById('status')
  const messages = document.getElementById('messages')
  const log = document.getElementById('log')
  const from = document.getElementById('from')
  const text = document.getElementById('text')
  from.value = 'tab-' + crypto.randomUUID().slice(0, 4)

  function note(state, line) {
    if (state) {
      status.dataset.state = state
      status.textContent = state
    }
    const item = document.createElement('li')
    item.textContent = new Date().toLocaleTimeString() + ' ' + line
    log.prepend(item)
  }

  // Each stream's first event is its own drop token: only this tab's stream ever sees it.
  let dropToken = ''
  // The browser reconnects to the same URL and sends the last ID it saw as Last-Event-ID.
  const source = new EventSource('/events')
  source.addEventListener('drop-token', (event) => {
    dropToken = JSON.parse(event.data).token
  })
  source.onopen = () => note('open', 'connected')
  source.onerror = () => {
    if (source.readyState === EventSource.CONNECTING) note('reconnecting', 'dropped, reconnecting')
    else note('closed', 'closed, reload the page to retry')
  }
  source.addEventListener('chat', (event) => {
    const { from, text, at } = JSON.parse(event.data)
    const item = document.createElement('li')
    item.dataset.id = event.lastEventId
    // <bdi> isolates the name: whatever its direction, it cannot reorder the text after it.
    const name = document.createElement('bdi')
    name.textContent = from
    item.append(name, text)
    item.title = at
    messages.append(item)
  })
  source.addEventListener('ssekit-gap', () => note('', 'the server no longer had every missed message'))

  document.getElementById('compose').addEventListener('submit', async (event) => {
    event.preventDefault()
    const response = await fetch('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: from.value, text: text.value }),
    })
    if (response.ok) text.value = ''
    else note('', 'not sent: ' + (await response.text()))
  })
  document.getElementById('drop').addEventListener('click', () => {
    void fetch('/events/drop', { method: 'POST', headers: { 'drop-token': dropToken } })
  })
</script>
</body>
</html>
`
