"""Categories, and the rule every translated article or category keeps: its original is in another language."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel
from portal.reversing import reverse_in

# Fixed words of the FAQ's own addresses (faq/urls.py) that a category slug would clash with.
RESERVED_CATEGORY_SLUGS = frozenset({"feedback", "preview", "review"})


def validate_category_slug(value):
    if value in RESERVED_CATEGORY_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is taken by the site's own addresses; choose another slug."), params={"slug": value}
        )


class Category(CleanTextModel):
    name = models.CharField(
        _("name"), max_length=200, unique=True,
        help_text=_("Shown in the breadcrumb and on the home page, e.g. “Social security inquiry”."),
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, allow_unicode=True, validators=[validate_category_slug],
        help_text=_("The category's part of every article URL. Changing it changes those URLs."),
    )
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("One or two sentences shown under the category heading and used as its meta description."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0,
        help_text=_("Categories are listed by this number, smallest first, then by name."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The language of the category's name and description; its page opens in that language."),
    )
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original category this one translates. The language switch goes from each to the other."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Under the category's own language prefix, as for articles.
        return reverse_in(self.language, "faq:category_detail", category_slug=self.slug)

    def clean(self):
        super().clean()
        validate_translation_of(self)


def validate_translation_of(item):
    """An article's or category's `translation_of` names an original in another language."""
    original = item.translation_of
    if original is None:
        return
    if original.pk == item.pk or original.translation_of_id:
        raise ValidationError({"translation_of": _("Choose an original, not a translation.")})
    if original.language == item.language:
        raise ValidationError({"translation_of": _("A translation must be in another language.")})
