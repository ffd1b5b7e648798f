"""A chart's table of figures as a CSV download, for the dashboard and an article's own charts."""

import csv

from django.http import HttpResponse


def chart_csv(chart, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read the Chinese titles as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(header) for header in chart.headers])
    writer.writerows([_cell(cell) for cell in row] for row in chart.rows)
    return response


def _cell(value):
    """A cell a spreadsheet shows as text: a title may start like a formula."""
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else value
