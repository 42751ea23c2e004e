// Renders the Markdown a model writes -- headings, lists, code blocks, paragraphs, emphasis and
// inline code -- with DOM nodes only. Every piece of model text goes through createTextNode or
// textContent, never through an HTML parser, so nothing a model writes (a <script>, an
// <img onerror>) can become live HTML. Links stay plain text. Rendering the whole text again
// on every delta lets an answer show as Markdown while it streams: an unclosed code fence
// shows as a code block until it closes.
'use strict';

window.HardeningMarkdown = (function () {
	var FENCE = /^\s{0,3}(```|~~~)/;
	var HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
	var ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;
	var RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
	var INLINE = /(`+)([^`]+?)\1|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|\b_([^_\s](?:[^_]*[^_\s])?)_\b/g;

	function element(tag) {
		return document.createElement(tag);
	}

	// Inline Markdown into a parent: text nodes, <code>, <strong>, <em>.
	function inline(parent, text) {
		var pattern = new RegExp(INLINE.source, 'g');
		var last = 0;
		var match;
		while ((match = pattern.exec(text)) !== null) {
			if (match.index > last) {
				parent.appendChild(document.createTextNode(text.slice(last, match.index)));
			}
			var node;
			if (match[2] !== undefined) {
				node = element('code');
				node.textContent = match[2];
			}
			else if (match[3] !== undefined || match[4] !== undefined) {
				node = element('strong');
				inline(node, match[3] !== undefined ? match[3] : match[4]);
			}
			else {
				node = element('em');
				inline(node, match[5] !== undefined ? match[5] : match[6]);
			}
			parent.appendChild(node);
			last = pattern.lastIndex;
		}
		if (last < text.length) {
			parent.appendChild(document.createTextNode(text.slice(last)));
		}
	}

	function render(container, text) {
		var blocks = document.createDocumentFragment();
		var lines = (text || '').split(/\r\n|\r|\n/);
		var paragraph = null;
		var list = null;
		var listOrdered = false;
		for (var i = 0; i < lines.length; i++) {
			var line = lines[i];
			var fence = FENCE.exec(line);
			if (fence) {
				var code = [];
				for (i = i + 1; i < lines.length && lines[i].trim().indexOf(fence[1]) !== 0; i++) {
					code.push(lines[i]);
				}
				var pre = element('pre');
				var codeElement = element('code');
				codeElement.textContent = code.join('\n');
				pre.appendChild(codeElement);
				blocks.appendChild(pre);
				paragraph = null;
				list = null;
				continue;
			}
			var heading = HEADING.exec(line);
			if (heading) {
				// The page's own headings are h1 and h2: an answer's start at h3.
				var title = element('h' + Math.min(6, heading[1].length + 2));
				inline(title, heading[2]);
				blocks.appendChild(title);
				paragraph = null;
				list = null;
				continue;
			}
			if (RULE.test(line)) {
				blocks.appendChild(element('hr'));
				paragraph = null;
				list = null;
				continue;
			}
			var item = ITEM.exec(line);
			if (item) {
				var ordered = /\d/.test(item[1]);
				if (list === null || listOrdered !== ordered) {
					list = element(ordered ? 'ol' : 'ul');
					listOrdered = ordered;
					blocks.appendChild(list);
				}
				var entry = element('li');
				inline(entry, item[2]);
				list.appendChild(entry);
				paragraph = null;
				continue;
			}
			if (line.trim() === '') {
				paragraph = null;
				list = null;
				continue;
			}
			if (paragraph === null) {
				paragraph = element('p');
				blocks.appendChild(paragraph);
				list = null;
			}
			else {
				paragraph.appendChild(document.createTextNode('\n'));
			}
			inline(paragraph, line);
		}
		container.replaceChildren(blocks);
	}

	return { render: render };
}());
