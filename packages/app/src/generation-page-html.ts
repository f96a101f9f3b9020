/**
 * The generation page: "Start" asks for a mock answer and shows it as it streams. Reload the
 * page mid-answer and it goes on from where it was: the page keeps the text and the last event
 * ID in `sessionStorage`, and reconnects with `?lastEventId=`, so the server sends only what it
 * has not shown, nothing twice. "Stop generating" stops the producer on the server. Tests read
 * `#status` (`data-state`: idle, starting, streaming, reconnecting, done, stopped, failed) and `#answer`.
 */
export const GENERATION_PAGE_HTML: string = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssekit resumable generation</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  #status { font-weight: bold; }
  #answer { white-space: pre-wrap; min-height: 6rem; border: 1px solid #ccc; padding: .5rem; }
</style>
</head>
<body>
<h1>Resumable generation</h1>
<p>Start an answer, then reload the page while it streams: it picks up where it was.</p>
<p><button id="start" type="button">Start</button>
<button id="stop" type="button">Stop generating</button>
State: <output id="status" data-state="idle">idle</output></p>
<div id="answer" aria-live="polite"></div>
<script>
const KEY = 'ssekit-generation'
const status = document.querySelector('#status')
const answer = document.querySelector('#answer')
let current = JSON.parse(sessionStorage.getItem(KEY) || 'null')
let source

function show(state) {
  status.dataset.state = state
  status.textContent = state
}
function save() {
  sessionStorage.setItem(KEY, JSON.stringify(current))
}
function follow() {
  source?.close()
  const last = current.lastEventId ? '?lastEventId=' + encodeURIComponent(current.lastEventId) : ''
  source = new EventSource('/generations/' + encodeURIComponent(current.id) + last)
  source.onopen = () => show('streaming')
  source.onmessage = (event) => {
    current.text += JSON.parse(event.data)
    current.lastEventId = event.lastEventId
    answer.textContent = current.text
    save()
  }
  source.addEventListener('end', (event) => {
    source.close()
    current.state = JSON.parse(event.data).state
    current.lastEventId = event.lastEventId
    save()
    show(current.state)
  })
  source.onerror = () => show(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting')
}

document.querySelector('#start').onclick = async () => {
  source?.close()
  answer.textContent = ''
  show('starting')
  const response = await fetch('/generations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chunks: Number(new URLSearchParams(location.search).get('chunks') || 60),
      intervalMs: Number(new URLSearchParams(location.search).get('intervalMs') || 150) }),
  })
  const { id } = await response.json()
  current = { id, text: '', lastEventId: '', state: 'running' }
  answer.textContent = ''
  save()
  follow()
}
document.querySelector('#stop').onclick = () => {
  if (current) fetch('/generations/' + encodeURIComponent(current.id) + '/stop', { method: 'POST' })
}

if (current) {
  answer.textContent = current.text
  if (current.state === 'running') follow()
  else show(current.state)
}
</script>
</body>
</html>
`
