"""Chart markup built in Python rather than by template loops: escaped, and the same cells as the table."""

from insights.charts import Chart, columns


def test_the_table_body_escapes_every_cell_and_heads_each_row():
    chart = Chart(key="most-read", title="t", kind="bars", headers=["Article", "Views"],
                  rows=[["<b>Refunds</b> & more", 7], ["辞职", "40%"]])

    assert chart.body == (
        '<tr><th scope="row">&lt;b&gt;Refunds&lt;/b&gt; &amp; more</th><td>7</td></tr>'
        '<tr><th scope="row">辞职</th><td>40%</td></tr>'
    )


def test_columns_draw_a_titled_rect_a_series_a_day_with_labels_escaped():
    bars = columns([("d1", "<1/12>"), ("d2", "2/12")], [[4, 0], [2, 5]])["bars"]

    assert bars.count("<rect ") == 4
    assert '<rect class="bar series-1"' in bars and "<title>&lt;1/12&gt;: 2</title>" in bars
    assert "<1/12>" not in bars
