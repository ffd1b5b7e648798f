"""Keys for integrators: each names who uses the API with it and sets its own allowance (quota)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key is shown once, when it is made or rotated; only its hash is kept. `prefix`, the part before the
    dot, finds its row without the secret, and says in admin which key a client has."""

    class Period(models.IntegerChoices):
        MINUTE = 60, _("per minute")
        HOUR = 3600, _("per hour")
        DAY = 86400, _("per day")

    name = models.CharField(
        _("name"), max_length=100, unique=True,
        help_text=_("Who uses this key, and for what: for example “Recruitment app, back end”."),
    )
    prefix = models.CharField(_("key starts with"), max_length=16, unique=True, editable=False)
    hashed = models.CharField(max_length=64, editable=False)
    quota = models.PositiveIntegerField(
        _("quota"), default=600,
        help_text=_("Requests this key may make in each period, in place of one address's limits: for the "
                    "checkers, the search and the rendered answers each."),
    )
    quota_period = models.PositiveIntegerField(_("period"), choices=Period.choices, default=Period.MINUTE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("created by"),
    )
    rotated_at = models.DateTimeField(_("last rotated"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def rate(self):
        """(requests, seconds), as the rate limits read an allowance."""
        return self.quota, self.quota_period


class ApiKeyUsage(models.Model):
    """Requests made with a key, per day and endpoint, counted in each worker's memory and written in batches."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage", verbose_name=_("key"))
    day = models.DateField(_("day"))
    endpoint = models.CharField(_("endpoint"), max_length=100)
    requests = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("API key usage")
        verbose_name_plural = _("API key usage")
        ordering = ["-day", "key", "endpoint"]
        constraints = [models.UniqueConstraint(fields=["key", "day", "endpoint"], name="apikey_usage_once_a_day")]

    def __str__(self):
        return f"{self.key} {self.day} {self.endpoint}"
