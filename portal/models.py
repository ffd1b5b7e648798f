from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from serving.links import LinkField

from .text import clean_text

# What the block says until an editor changes it in admin (National Healthcare Security Administration:
# hotline 12393 since 2022, the national medical insurance service platform and its app).
DEFAULTS = {
    "hotline_text": "The national medical insurance service hotline puts you through to the service of the "
    "area you call from. Opening hours are set locally.",
    "hotline_text_zh": "全国医疗保障服务热线，来电会接入您所在地的医保服务热线，接听时间以当地为准。",
    "office_text": "Your own case (enrolment, payments, refunds, reimbursements) is decided by the medical "
    "insurance office where you are insured. Bring your ID card and your medical insurance card or code.",
    "office_text_zh": "参保登记、缴费、退费、报销等个人事项，由您参保地的医保经办机构办理。"
    "办理时请带上身份证和医保卡（或医保码）。",
    "office_url": "https://www.nhsa.gov.cn/",
    "app_name": "National Medical Insurance Service Platform",
    "app_name_zh": "国家医保服务平台",
    "app_text": "The official app: see your enrolment and payment records, show your electronic medical "
    "insurance code, and handle some matters online.",
    "app_text_zh": "官方应用：可查询参保和缴费记录、出示医保电子凭证，并在线办理部分业务。",
    "app_url": "https://fuwu.nhsa.gov.cn/",
}


class CleanTextModel(models.Model):
    """A model whose text fields hold only what HTML, XML and JSON allow (portal/text.py).

    Cleaned before validation, so that lengths and uniqueness are checked on the text as stored, and
    again on every save: imports, the shell and restored revisions save without full_clean.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        self.clean_text_fields()
        super().clean_fields(exclude=exclude)

    def clean_text_fields(self):
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, (models.CharField, models.TextField)) and isinstance(value, str):
                setattr(self, field.attname, clean_text(value))


# A signal rather than save(): restoring a revision or loading a fixture saves through Model.save_base alone.
@receiver(pre_save)
def clean_text_on_save(sender, instance, **kwargs):
    if isinstance(instance, CleanTextModel):
        instance.clean_text_fields()


class SiteSettings(CleanTextModel):
    """Site-wide texts editors keep: the "Still need help?" block under every answer. One row, both languages.

    Each text has an English and a Chinese field; pages show the one of their language.
    """

    hotline = models.CharField(
        _("hotline number"), max_length=20, default="12393",
        validators=[RegexValidator(r"^\+?[0-9][0-9 -]*$", _("Digits only, with spaces or hyphens if you like."))],
        help_text=_("The national medical insurance service hotline, as readers dial it."),
    )
    hotline_text = models.CharField(
        _("about the hotline"), max_length=300, default=DEFAULTS["hotline_text"],
        help_text=_("One sentence on who answers and when, shown on English pages."),
    )
    hotline_text_zh = models.CharField(
        _("about the hotline, in Chinese"), max_length=300, default=DEFAULTS["hotline_text_zh"],
        help_text=_("The same, shown on Chinese pages."),
    )
    office_text = models.CharField(
        _("about the local office"), max_length=300, default=DEFAULTS["office_text"],
        help_text=_("What the local medical insurance office does for readers and what to bring, on English pages."),
    )
    office_text_zh = models.CharField(
        _("about the local office, in Chinese"), max_length=300, default=DEFAULTS["office_text_zh"],
        help_text=_("The same, shown on Chinese pages."),
    )
    office_url = LinkField(
        _("where to find the local office"), max_length=500, default=DEFAULTS["office_url"],
        help_text=_("An official page that leads readers to their local office. A checker answer for a region "
                    "whose policy row names its own office page links that page instead."),
    )
    app_name = models.CharField(
        _("app name"), max_length=100, default=DEFAULTS["app_name"],
        help_text=_("The national medical insurance service app, on English pages."),
    )
    app_name_zh = models.CharField(
        _("app name in Chinese"), max_length=100, default=DEFAULTS["app_name_zh"],
        help_text=_("The app's name as Chinese readers find it in app stores."),
    )
    app_text = models.CharField(
        _("about the app"), max_length=300, default=DEFAULTS["app_text"],
        help_text=_("What readers can do in the app, on English pages."),
    )
    app_text_zh = models.CharField(
        _("about the app, in Chinese"), max_length=300, default=DEFAULTS["app_text_zh"],
        help_text=_("The same, shown on Chinese pages."),
    )
    app_url = LinkField(
        _("app web address"), max_length=500, default=DEFAULTS["app_url"],
        help_text=_("The official page of the app or its web version."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def in_reader_language(self, name):
        """Field `name` in the active language: its `_zh` field on Chinese pages."""
        chinese = (get_language() or "").startswith("zh")
        return getattr(self, f"{name}_zh") if chinese else getattr(self, name)


class ContentVersion(models.Model):
    """The one row that says which content readers' pages show: a new token with every change to it.

    Kept pages are stamped with this token (serving/content_version.py). Redis or the version file only
    carry a copy, so a restored database, a flushed cache or a cache restored from an older snapshot can
    never bring back pages of other content: the database's token is what a copy is checked against.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return self.token
