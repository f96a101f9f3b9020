/**
 * The feed page: open it in several tabs and each sees the others' messages, over one connection
 * for the whole browser (`@ssekit/client`'s shared mode, from `/ssekit-client.js`): one tab holds
 * it and hands each event to the others, and when that tab closes another takes over and resumes
 * from the last ID. "Drop the connection" asks the server to close the stream, presenting the drop
 * token it handed over first; the tab holding it reconnects with `Last-Event-ID` and the messages
 * sent meanwhile arrive, none missing or twice. Tests read `#status` (its `data-state`, and its
 * `data-connection`: `leader` in the tab that holds the connection), `#messages li` (each with
 * `data-id`) and `#log`, fill the fields labelled "Name" and "Message", and press the "Send" and
 * "Drop the connection" buttons.
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
<p>Open this page in several tabs: messages sent in one appear in all, over one connection.</p>
<p>Connection: <output id="status" data-state="connecting">connecting</output>
  <button id="drop" type="button">Drop the connection</button></p>
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
  import { events } from '/ssekit-client.js'

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

  // Each stream's first event is its own drop token. Every tab that shares the stream when it
  // opens receives it; tabs that join later find it where the first ones left it.
  const DROP_TOKEN_KEY = 'ssekit-feed-drop-token'
  let dropToken = ''
  function render(id, { from, text, at }) {
    const item = document.createElement('li')
    item.dataset.id = id
    // <bdi> isolates the name: whatever its direction, it cannot reorder the text after it.
    const name = document.createElement('bdi')
    name.textContent = from
    item.append(name, text)
    item.title = at
    messages.append(item)
  }

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
    const token = dropToken || localStorage.getItem(DROP_TOKEN_KEY) || ''
    void fetch('/events/drop', { method: 'POST', headers: { 'drop-token': token } })
  })

  // One connection for every tab of this browser: one tab holds it and shares each event with
  // the others; when it closes, another takes over and resumes from the last ID, nothing lost.
  const stream = events('/events', {
    shared: true,
    json: true,
    onOpen({ connection }) {
      status.dataset.connection = connection
      note('open', connection === 'follower' ? 'connected through another tab' : 'connected')
    },
    onRetry: () => note('reconnecting', 'dropped, reconnecting'),
  })
  try {
    for await (const event of stream) {
      if (event.event === 'chat') render(event.id, event.data)
      else if (event.event === 'drop-token') {
        dropToken = event.data.token
        localStorage.setItem(DROP_TOKEN_KEY, dropToken)
      } else if (event.event === 'ssekit-gap') note('', 'the server no longer had every missed message')
    }
    note('closed', 'closed, reload the page to retry')
  } catch (error) {
    note('closed', 'closed (' + error.message + '), reload the page to retry')
  }
</script>
</body>
</html>
`
