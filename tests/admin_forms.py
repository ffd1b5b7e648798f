"""Submit admin change forms the way a browser would: every field as the page shows it, then the changes."""

from django.forms import MultiWidget


def _field_data(form):
    data = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value) if value else []
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, list):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(client, url, **changes):
    """The data the admin page at `url` would post unchanged, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = _field_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_data(formset.management_form))
        for form in formset.initial_forms:
            data.update(_field_data(form))
    data.update(changes)
    return data
