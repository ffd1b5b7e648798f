// The article form's Markdown preview: each Markdown field gets a pane beside it showing the text
// as readers will see it, rendered by the site's own renderer (a staff-only endpoint), so the
// preview and the public page can never disagree. Without JavaScript the form works as before.
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script.dataset.previewUrl;
  var fields = (script.dataset.fields || "").split(" ");
  var DELAY = 300;

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "markdown-editor";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(textarea);

    var pane = document.createElement("section");
    pane.className = "markdown-preview";
    pane.setAttribute("aria-label", script.dataset.label + ": " + (textarea.labels[0] ? textarea.labels[0].textContent.replace(/:$/, "") : ""));
    var heading = document.createElement("p");
    heading.className = "markdown-preview-heading";
    heading.textContent = script.dataset.label;
    var output = document.createElement("div");
    output.className = "markdown-preview-body article-body";
    output.setAttribute("aria-live", "polite");
    pane.appendChild(heading);
    pane.appendChild(output);
    wrapper.appendChild(pane);

    var timer = null;
    var latest = 0;

    function render() {
      var request = ++latest;
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (request !== latest) return; // an older answer arriving after a newer one
          if (result.ok) {
            // Sanitised on the server by the same code as the public page.
            output.innerHTML = result.data.html;
            pane.classList.remove("markdown-preview-failed");
          } else {
            output.textContent = result.data.errors.text.join(" ");
            pane.classList.add("markdown-preview-failed");
          }
        })
        .catch(function () {
          if (request !== latest) return;
          output.textContent = script.dataset.error;
          pane.classList.add("markdown-preview-failed");
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, DELAY);
    });
    render();
  }

  function start() {
    fields.forEach(function (name) {
      var textarea = document.getElementById("id_" + name);
      if (textarea && textarea.tagName === "TEXTAREA") attach(textarea);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
