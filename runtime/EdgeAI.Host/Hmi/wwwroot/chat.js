// The chat box: POST /api/ask streams the line types of `edgeai chat --json` (token, tool_call, tool_result, done);
// Stop aborts the request, and the host stops generating.
export class Chat {
  constructor(form, input, stop, answer) {
    this.input = input;
    this.stop = stop;
    this.answer = answer;
    this.send = form.querySelector('#send');
    this.controller = null;
    form.addEventListener('submit', e => { e.preventDefault(); this.ask(input.value.trim()); });
    stop.addEventListener('click', () => this.controller?.abort());
  }

  async ask(text) {
    if (!text || this.controller) return;
    this.controller = new AbortController();
    this.answer.textContent = '';
    this.answer.dataset.state = 'streaming';
    this.stop.disabled = false;
    this.send.disabled = true;
    try {
      const response = await fetch('/api/ask', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }), signal: this.controller.signal,
      });
      if (!response.ok) {
        const problem = await response.json();
        this.answer.textContent = problem.detail || problem.title;
        this.answer.dataset.state = 'refused';
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
          this.line(JSON.parse(pending.slice(0, newline)));
          pending = pending.slice(newline + 1);
        }
      }
      if (this.answer.dataset.state === 'streaming') this.answer.dataset.state = 'done';
    } catch (e) {
      if (e.name !== 'AbortError') throw e;
      this.answer.dataset.state = 'stopped';
      this.answer.append(' (stopped)');
    } finally {
      this.controller = null;
      this.stop.disabled = true;
      this.send.disabled = false;
    }
  }

  line(e) {
    if (e.type === 'token') this.answer.append(e.text);
    else if (e.type === 'done') this.answer.dataset.state = e.interrupted ? 'stopped' : 'done';
  }
}
