// Live preview: sends the text to the server (which renders and sanitises it) as you type.
(function () {
  "use strict";
  var form = document.getElementById("edit-form");
  var preview = document.getElementById("live-preview");
  if (!form || !preview || !window.fetch) return;
  var body = form.querySelector("textarea[name=body]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  var lastSent = null;
  function refresh() {
    if (body.value === lastSent) return;
    lastSent = body.value;
    var data = new FormData();
    data.append("body", body.value);
    fetch(preview.dataset.previewUrl, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": token.value },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.status === 429 || response.status === 413) {
        // Too many previews or too long a text: the server says why, in plain text.
        return response.text().then(function (message) {
          preview.textContent = message;
          return null;
        });
      }
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null) preview.innerHTML = html; // HTML sanitised by the server (nh3)
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
  // The preview is there as soon as the page opens (also after a validation error).
  if (body.value.trim()) refresh();
})();
