// Copy link, Share and Print on an answer page. Without this script the address stays on the page as
// a link to copy by hand; with it, the buttons this browser supports appear.
(function () {
  "use strict";

  const actions = document.querySelector(".share-actions");
  if (!actions) {
    return;
  }
  const status = document.querySelector(".share-status");
  const { url, title, text, copied, copyFailed } = actions.dataset;

  function say(message) {
    status.textContent = message;
  }

  // The Clipboard API needs a secure page; older browsers and plain HTTP get the selection fallback.
  function copyBySelection() {
    const field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.className = "share-copy-field";
    document.body.appendChild(field);
    field.select();
    const done = document.execCommand("copy");
    field.remove();
    return done;
  }

  actions.querySelector(".share-copy").addEventListener("click", function () {
    const copying = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(url)
      : new Promise(function (resolve, reject) {
        (copyBySelection() ? resolve : reject)();
      });
    copying.then(function () { say(copied); }, function () { say(copyFailed); });
  });

  // The Web Share API opens the phone's own share sheet (WeChat, messages, mail).
  const share = actions.querySelector(".share-native");
  if (navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: title, text: text, url: url }).catch(function () {
        // The reader closed the share sheet: nothing to report.
      });
    });
  }

  actions.querySelector(".share-print").addEventListener("click", function () {
    window.print();
  });

  actions.hidden = false;
})();
