"""Shared by the migrations that run raw SQL only some databases understand."""


def run_for_vendor(sqlite, postgres):
    """A RunPython function that executes the statements for the database it runs on (none elsewhere)."""

    def run(apps, schema_editor):
        statements = {"sqlite": sqlite, "postgresql": postgres}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run
