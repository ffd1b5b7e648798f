"""Reads of the site's own settings."""

from dataclasses import dataclass

from serving.per_version import kept_per_version

from .models import SiteSettings


@dataclass(frozen=True)
class HelpTexts:
    """The "Still need help?" block in one language."""

    hotline: str
    hotline_text: str
    office_text: str
    office_url: str
    app_name: str
    app_text: str
    app_url: str


def site_settings_get():
    """The one settings row; until an editor first saves it, its defaults (no row is written on a read)."""
    return SiteSettings.objects.first() or SiteSettings()


@kept_per_version
def site_help():
    """The help block's texts in the active language, in one query."""
    row = site_settings_get()
    return HelpTexts(
        hotline=row.hotline,
        hotline_text=row.in_reader_language("hotline_text"),
        office_text=row.in_reader_language("office_text"),
        office_url=row.office_url,
        app_name=row.in_reader_language("app_name"),
        app_text=row.in_reader_language("app_text"),
        app_url=row.app_url,
    )
