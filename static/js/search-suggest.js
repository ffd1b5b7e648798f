/*
 * Suggestions under the search box as the reader types: checkers and answers from
 * GET /api/v1/search/. An ARIA combobox with a listbox popup (WAI-ARIA Authoring Practices):
 * Down and Up move through the suggestions, Enter opens the one chosen (or searches as typed),
 * Escape closes the list, then clears the box. The count is announced in a live region.
 * Without this script the form searches as usual; the page's words come from data attributes,
 * so they are in the page's language.
 */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MAX_SUGGESTIONS = 6;

  function setUp(form) {
    var input = form.querySelector("[data-suggest-input]");
    var list = form.querySelector("[data-suggest-list]");
    var status = form.querySelector("[data-suggest-status]");
    if (!input || !list || !status || !window.fetch) {
      return;
    }
    var data = form.dataset;
    var suggestions = [];
    var active = -1;
    var timer = null;
    var request = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function open() {
      return input.getAttribute("aria-expanded") === "true";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      }
    }

    function announce(count) {
      if (count === 0) {
        status.textContent = data.suggestNone;
      } else {
        status.textContent = (count === 1 ? data.suggestOne : data.suggestMany).replace("{count}", count);
      }
    }

    function label(item) {
      if (item.kind === "checker") {
        return data.suggestChecker;
      }
      return item.language === data.suggestLanguage ? "" : data.suggestOtherLanguage;
    }

    function show(items) {
      suggestions = items.slice(0, MAX_SUGGESTIONS);
      list.textContent = "";
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.className = "search-suggestion";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.textContent = item.title;
        title.lang = item.language;
        option.appendChild(title);
        var note = label(item);
        if (note) {
          var kind = document.createElement("span");
          kind.className = "search-suggestion-kind";
          kind.textContent = note;
          option.appendChild(kind);
        }
        option.addEventListener("click", function () {
          window.location.assign(item.url);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      announce(suggestions.length);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (request) {
        request.abort();
      }
      if (query.length < 2) {
        suggestions = [];
        close();
        return;
      }
      request = new AbortController();
      var url = data.suggestUrl + "?" + new URLSearchParams({q: query, language: data.suggestLanguage, partial: "1"});
      fetch(url, {signal: request.signal, headers: {Accept: "application/json"}})
        .then(function (response) {
          return response.ok ? response.json() : {results: []};
        })
        .then(function (body) {
          if (input.value.trim() === query) {
            show(body.results);
          }
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!suggestions.length) {
          return;
        }
        event.preventDefault();
        if (!open()) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        // Past either end the choice goes back to the box, as typed.
        var next = active + step;
        if (next < -1) {
          next = suggestions.length - 1;
        } else if (next >= suggestions.length) {
          next = -1;
        }
        choose(next);
      } else if (event.key === "Enter" && open() && active >= 0) {
        event.preventDefault();
        window.location.assign(suggestions[active].url);
      } else if (event.key === "Escape") {
        if (open()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          suggestions = [];
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
    // A click on a suggestion must not blur the box first, which would close the list under the pointer.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
  }

  document.querySelectorAll("form[data-suggest-url]").forEach(setUp);
})();
