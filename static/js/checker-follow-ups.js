// Follow-up questions on a checker's page: each shows while the answers it follows hold, as its
// data-show-when says ({"question": ["value", ...]}). Hidden, its fieldset is disabled, so nothing of it
// is sent. Without this script the server asks the follow-ups that apply on the next page instead.
(function () {
  "use strict";

  const form = document.querySelector("form.checker-form");
  if (!form) {
    return;
  }
  const groups = Array.from(form.querySelectorAll("[data-show-when]")).map(function (element) {
    return { element: element, conditions: JSON.parse(element.dataset.showWhen) };
  });
  if (!groups.length) {
    return;
  }

  // The answer to a question as the form would send it: a hidden or disabled question has none.
  function answer(name) {
    for (const field of form.querySelectorAll("[name='" + name + "']")) {
      if (field.matches(":disabled") || ((field.type === "radio" || field.type === "checkbox") && !field.checked)) {
        continue;
      }
      return field.value;
    }
    return "";
  }

  // In page order, so a follow-up of a follow-up reads its parent after the parent was shown or hidden.
  function update() {
    groups.forEach(function (group) {
      const applies = Object.keys(group.conditions).every(function (name) {
        return group.conditions[name].indexOf(answer(name)) !== -1;
      });
      group.element.hidden = !applies;
      group.element.disabled = !applies;
    });
  }

  form.addEventListener("change", update);
  // A page restored by Back keeps the answers chosen on it; show what they call for.
  window.addEventListener("pageshow", update);
  update();
})();
