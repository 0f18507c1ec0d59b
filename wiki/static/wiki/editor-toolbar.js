// A small formatting toolbar above the article text: it only writes Markdown into the textarea.
// Its buttons come from <template id="editor-toolbar-template"> (translated on the server);
// without JavaScript the page keeps a plain textarea. Keyboard: Tab reaches each button;
// Ctrl+B and Ctrl+I work in the text.
(function () {
  "use strict";
  var form = document.getElementById("edit-form");
  var template = document.getElementById("editor-toolbar-template");
  if (!form || !template || !("content" in template)) return;
  var body = form.querySelector("textarea[name=body]");
  if (!body) return;
  var toolbar = template.content.firstElementChild.cloneNode(true);
  body.parentNode.insertBefore(toolbar, body);
  var linkPanel = toolbar.querySelector("[data-link-panel]");
  var linkInput = toolbar.querySelector("[data-link-title]");
  var linkList = toolbar.querySelector("datalist");
  var position = form.querySelector("input[name=image_position]");

  function changed() {
    body.dispatchEvent(new Event("input", { bubbles: true }));  // refreshes the live preview
  }

  function replaceSelection(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var selected = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + selected + after, start, end, "end");
    body.setSelectionRange(start + before.length, start + before.length + selected.length);
    body.focus();
    changed();
  }

  function prefixLines(prefix) {
    var start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var end = body.selectionEnd;
    var lines = body.value.slice(start, end).split("\n").map(function (line) {
      return line.indexOf(prefix) === 0 ? line : prefix + line;
    });
    body.setRangeText(lines.join("\n"), start, end, "end");
    body.focus();
    changed();
  }

  var actions = {
    bold: function () { replaceSelection("**", "**", toolbar.dataset.boldPlaceholder); },
    italic: function () { replaceSelection("_", "_", toolbar.dataset.italicPlaceholder); },
    heading: function () { prefixLines("## "); },
    list: function () { prefixLines("- "); },
    link: function () {
      linkPanel.hidden = !linkPanel.hidden;
      if (!linkPanel.hidden) {
        linkInput.value = body.value.slice(body.selectionStart, body.selectionEnd);
        linkInput.focus();
      }
    },
    "insert-link": function () {
      var title = linkInput.value.trim();
      if (!title) { linkInput.focus(); return; }
      var start = body.selectionStart, end = body.selectionEnd;
      var text = body.value.slice(start, end);
      var code = text && text !== title ? "[[" + title + "|" + text + "]]" : "[[" + title + "]]";
      body.setRangeText(code, start, end, "end");
      linkPanel.hidden = true;
      body.focus();
      changed();
    },
    image: function () {
      if (position) position.value = String(body.selectionStart);
      var file = form.querySelector("input[name=image_file]");
      if (file) { file.focus(); file.click(); }
    }
  };

  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    event.preventDefault();
    actions[button.dataset.action]();
  });
  linkInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); actions["insert-link"](); }
    if (event.key === "Escape") { linkPanel.hidden = true; body.focus(); }
  });
  // Title completion from the site's own suggestions (articles only).
  var timer = null;
  linkInput.addEventListener("input", function () {
    clearTimeout(timer);
    var query = linkInput.value.trim();
    if (query.length < 2 || !window.fetch) return;
    timer = setTimeout(function () {
      fetch(toolbar.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          linkList.textContent = "";
          (data.results || []).forEach(function (result) {
            if (result.type !== "article") return;
            var option = document.createElement("option");
            option.value = result.title;
            linkList.appendChild(option);
          });
        }).catch(function () {});
    }, 250);
  });
  body.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey)) return;
    var key = event.key.toLowerCase();
    if (key === "b") { event.preventDefault(); actions.bold(); }
    if (key === "i") { event.preventDefault(); actions.italic(); }
  });
  // An image chosen with the form's own file field goes where the cursor was.
  form.addEventListener("submit", function () {
    if (position && !position.value) position.value = String(body.selectionStart);
  });
})();
