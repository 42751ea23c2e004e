// Streams Flash and Pro side by side from POST /api/reasoning/query.
// Plain JavaScript, no build step. Model text is only ever set through textContent or text
// nodes: answers are rendered as Markdown by markdown.js, which builds DOM nodes, never HTML.
'use strict';

(function () {
	var API = 'api/reasoning/query';
	var READY = 'ready';
	var READY_EVERY_MS = 5000;
	var MAX_RESUMES = 3;

	var $ = function (id) { return document.getElementById(id); };
	var form = $('ask');
	var input = $('query');
	var stopButton = $('stop');
	var current = null;
	var markdown = window.HardeningMarkdown;

	function show(id, text, state) {
		var element = $(id);
		element.textContent = text;
		if (state) {
			element.setAttribute('data-state', state);
		}
		else {
			element.removeAttribute('data-state');
		}
	}

	// The page names each request itself, so even an answer refused before streaming has an
	// id to look up in the server's logs.
	function newRequestId() {
		var bytes = new Uint8Array(16);
		window.crypto.getRandomValues(bytes);
		return Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join('');
	}

	function describeError(body) {
		return (body.code ? body.code + ': ' : '') + (body.error || 'unknown error');
	}

	// One run of one query: its connection, what it has seen, and how it ends.
	function Run(query) {
		this.query = query;
		this.requestId = newRequestId();
		this.controller = new AbortController();
		this.lastEventId = null;
		this.retryMs = 1000;
		this.finished = false;
		this.resumes = 0;
		this.texts = { flash: '', pro: '' };
	}

	Run.prototype.showText = function (leg, text) {
		this.texts[leg] = text;
		markdown.render($(leg + '-text'), text);
	};

	function describeUsage(body) {
		var usage = body.usage;
		var text = usage ? usage.prompt_tokens + ' prompt, ' + usage.output_tokens + ' output, '
			+ usage.thinking_tokens + ' thinking, ' + usage.cached_tokens + ' cached, ' + usage.total_tokens
			+ ' total' : 'not reported';
		return text + (body.attempts > 1 ? '; ' + body.attempts + ' attempts' : '');
	}

	function describeFinish(reason) {
		if (reason === 'max_tokens') {
			return 'max_tokens: cut at the output token limit';
		}
		return reason || 'not reported';
	}

	Run.prototype.start = function () {
		var run = this;
		['flash', 'pro'].forEach(function (leg) {
			run.showText(leg, '');
			show(leg + '-status', 'waiting', 'running');
			$(leg + '-model').textContent = '';
			show(leg + '-finish', '', null);
			$(leg + '-usage').textContent = '';
		});
		show('outcome', 'connecting', 'running');
		$('request-id').textContent = this.requestId;
		stopButton.disabled = false;
		this.connect(fetch(API, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream', 'X-Request-Id': this.requestId },
			body: JSON.stringify({ query: this.query }),
			signal: this.controller.signal
		}));
	};

	Run.prototype.connect = function (request) {
		var run = this;
		request.then(function (response) {
			if (run.finished) {
				if (response.body) {
					response.body.cancel();
				}
				return null;
			}
			if (response.status === 204) {
				// The run ended and this page already saw its last event, or missed nothing.
				return run.finish('ended (the server has nothing more for this run)', 'error');
			}
			var type = response.headers.get('Content-Type') || '';
			if (!response.ok || type.indexOf('text/event-stream') !== 0) {
				return run.failBeforeStream(response);
			}
			show('outcome', 'streaming', 'running');
			return run.read(response.body.getReader());
		}).then(function () {
			run.resumeIfUnfinished('the stream ended before its last event');
		}, function (error) {
			if (error && error.name === 'AbortError') {
				return;
			}
			run.resumeIfUnfinished('connection failed (' + (error && error.message || error) + ')');
		});
	};

	Run.prototype.failBeforeStream = function (response) {
		var run = this;
		var retryAfter = response.headers.get('Retry-After');
		return response.text().then(function (text) {
			var message;
			try {
				message = describeError(JSON.parse(text));
			}
			catch (e) {
				message = 'HTTP ' + response.status + (text ? ': ' + text.slice(0, 300) : '');
			}
			if (retryAfter) {
				message += ' (retry after ' + retryAfter + ' s)';
			}
			['flash', 'pro'].forEach(function (leg) { show(leg + '-status', 'not started', null); });
			run.finish('error ' + response.status + ': ' + message, 'error');
		});
	};

	// Reads server-sent events: lines end in CRLF, LF or CR; a blank line dispatches.
	Run.prototype.read = function (reader) {
		var run = this;
		var decoder = new TextDecoder();
		var buffer = '';
		var event = { name: '', data: [], id: null };

		function line(text) {
			if (text === '') {
				if (event.id !== null) {
					run.lastEventId = event.id;
				}
				if (event.data.length > 0) {
					run.dispatch(event.name || 'message', event.data.join('\n'));
				}
				event = { name: '', data: [], id: null };
				return;
			}
			if (text.charAt(0) === ':') {
				return; // heartbeat comment
			}
			var colon = text.indexOf(':');
			var field = (colon < 0) ? text : text.slice(0, colon);
			var value = (colon < 0) ? '' : text.slice(colon + 1);
			if (value.charAt(0) === ' ') {
				value = value.slice(1);
			}
			if (field === 'event') {
				event.name = value;
			}
			else if (field === 'data') {
				event.data.push(value);
			}
			else if (field === 'id') {
				event.id = value;
			}
			else if (field === 'retry' && /^\d+$/.test(value)) {
				run.retryMs = parseInt(value, 10);
			}
		}

		function pump() {
			return reader.read().then(function (chunk) {
				if (run.finished) {
					reader.cancel();
					return;
				}
				// When the page last read from the stream (heartbeats included): a stream
				// that stops says whether its connection still delivers.
				$('outcome').setAttribute('data-last-read', String(Date.now()));
				buffer += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
				var match;
				var endOfLine = /\r\n|\r|\n/g;
				var consumed = 0;
				while ((match = endOfLine.exec(buffer)) !== null) {
					// A CR at the very end may be half of a CRLF: wait for the next chunk.
					if (match[0] === '\r' && match.index === buffer.length - 1 && !chunk.done) {
						break;
					}
					line(buffer.slice(consumed, match.index));
					consumed = endOfLine.lastIndex;
					if (run.finished) {
						reader.cancel();
						return;
					}
				}
				buffer = buffer.slice(consumed);
				if (!chunk.done) {
					return pump();
				}
			});
		}
		return pump();
	};

	Run.prototype.dispatch = function (name, data) {
		var body;
		try {
			body = JSON.parse(data);
		}
		catch (e) {
			return;
		}
		var leg = name.split('_')[0];
		switch (name) {
		case 'start':
			$('request-id').textContent = body.request_id || this.requestId;
			$('flash-model').textContent = body.flash_model || '';
			$('pro-model').textContent = body.pro_model || '';
			show('flash-status', 'streaming', 'running');
			show('pro-status', 'streaming', 'running');
			break;
		case 'flash_delta':
		case 'pro_delta':
			this.showText(leg, this.texts[leg] + (body.text || ''));
			break;
		case 'flash_complete':
		case 'pro_complete':
			this.showText(leg, body.response || '');
			show(leg + '-status', 'done in ' + body.duration_ms + ' ms, first token after '
				+ body.first_token_ms + ' ms (' + body.model + ')', 'complete');
			show(leg + '-finish', describeFinish(body.finish_reason), body.finish_reason === 'max_tokens' ? 'partial' : null);
			$(leg + '-usage').textContent = describeUsage(body);
			break;
		case 'flash_failed':
		case 'pro_failed':
			show(leg + '-status', 'failed: ' + describeError(body) + ' (' + body.model + ')', 'failed');
			break;
		case 'complete':
			this.finish((body.partial ? 'partial' : 'complete') + ' in ' + body.duration_ms + ' ms'
				+ (body.partial ? ': one model failed' : ''), body.partial ? 'partial' : 'complete');
			break;
		case 'error':
			['flash', 'pro'].forEach(function (each) {
				if ($(each + '-status').getAttribute('data-state') === 'running') {
					show(each + '-status', 'ended without an answer', 'failed');
				}
			});
			this.finish('error: ' + describeError(body), 'error');
			break;
		default:
			break;
		}
	};

	// A dropped connection picks the run up again with Last-Event-ID, as EventSource would.
	Run.prototype.resumeIfUnfinished = function (reason) {
		var run = this;
		if (run.finished) {
			return;
		}
		if (run.lastEventId === null || run.resumes >= MAX_RESUMES) {
			run.finish('error: ' + reason, 'error');
			return;
		}
		run.resumes += 1;
		show('outcome', 'reconnecting (' + reason + ')', 'running');
		setTimeout(function () {
			if (run.finished) {
				return;
			}
			run.connect(fetch(API + '?query=' + encodeURIComponent(run.query), {
				headers: { 'Accept': 'text/event-stream', 'Last-Event-ID': run.lastEventId, 'X-Request-Id': run.requestId },
				signal: run.controller.signal
			}));
		}, run.retryMs);
	};

	Run.prototype.finish = function (text, state) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		show('outcome', text, state);
		if (current === this) {
			stopButton.disabled = true;
		}
	};

	Run.prototype.stop = function () {
		if (!this.finished) {
			this.finish('stopped by you', 'error');
			this.controller.abort();
		}
	};

	function ask(query) {
		if (current) {
			current.stop();
		}
		current = new Run(query);
		current.start();
	}

	function pollReady() {
		fetch(READY, { cache: 'no-store', headers: { 'Accept': 'application/json' } })
			.then(function (response) {
				return response.json().then(function (body) {
					return body.status || ('HTTP ' + response.status);
				}, function () {
					return 'HTTP ' + response.status;
				});
			})
			.then(function (status) {
				show('ready', status, status === 'UP' ? 'up' : 'down');
			}, function () {
				show('ready', 'unreachable', 'down');
			});
	}

	form.addEventListener('submit', function (event) {
		event.preventDefault();
		var query = input.value;
		var url = new URL(window.location.href);
		url.searchParams.set('query', query);
		window.history.replaceState(null, '', url);
		ask(query);
	});
	stopButton.addEventListener('click', function () {
		if (current) {
			current.stop();
		}
	});

	pollReady();
	setInterval(pollReady, READY_EVERY_MS);

	var shared = new URLSearchParams(window.location.search).get('query');
	if (shared) {
		input.value = shared;
		ask(shared);
	}
}());
