"""Reading HTML forms as a browser submits them, for the soak's fuzzer and the tests that post forms."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with the given id or class, as (name, value) pairs."""

    def __init__(self, form):
        super().__init__()
        self.form, self.inside, self.fields = form, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form == attrs.get("id") or self.form in (attrs.get("class") or "").split()
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image", "reset"}:
            choice = attrs.get("type") in {"checkbox", "radio"}
            if not choice or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on" if choice else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def form_fields(html, form):
    """What a browser would submit from the form whose id or class is `form`, as (name, value) pairs."""
    parser = FormFields(form)
    parser.feed(html)
    return parser.fields
