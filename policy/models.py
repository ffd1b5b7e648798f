from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .rules.citations import Citation
from .rules.citations import Confidence as RuleConfidence
from .rules.parameters import PeriodRow
from .rules.periods import DayInYear

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
DAY = [MinValueValidator(1), MaxValueValidator(31)]
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class YearOffset(models.IntegerChoices):
    BEFORE = -1, _("the year before the coverage year")
    SAME = 0, _("the coverage year")
    AFTER = 1, _("the year after the coverage year")


class Confidence(models.TextChoices):
    PRIMARY = "P", _("P: primary legal text read")
    QUOTED = "Q", _("Q: official text quoted word for word by a third party")
    SECONDARY = "S", _("S: secondary summary or news")
    LOCAL = "L", _("L: local rule, valid only where named")


class RegionalPeriodQuerySet(models.QuerySet):
    def overlapping(self, region_code, first_year, last_year):
        """Rows of the region whose coverage years share at least one year with first_year..last_year."""
        rows = self.filter(region_code=region_code).filter(
            Q(effective_to_year__isnull=True) | Q(effective_to_year__gte=first_year)
        )
        return rows if last_year is None else rows.filter(effective_from_year__lte=last_year)


class RegionalPeriod(models.Model):
    """A region's collection and treatment periods for a run of coverage years.

    Days are stored as month, day and a year offset from the coverage year, so periods that
    straddle two calendar years (e.g. Sep 1 - Aug 31) are expressed directly.
    """

    region_code = models.CharField(
        _("region code"), max_length=12, db_index=True,
        validators=[RegexValidator(r"^[0-9A-Za-z-]+$", _("Use digits, letters and hyphens only."))],
        help_text=_("The administrative division code, e.g. 610000 for Shaanxi. The API takes this code."),
    )
    region_name = models.CharField(
        _("region name"), max_length=100,
        help_text=_("Shown to readers in the region list, e.g. “Shaanxi 陕西”. Rows of one region use the same name."),
    )
    effective_from_year = models.PositiveSmallIntegerField(
        _("first coverage year"), validators=YEAR,
        help_text=_("The first coverage year these periods apply to."),
    )
    effective_to_year = models.PositiveSmallIntegerField(
        _("last coverage year"), null=True, blank=True, validators=YEAR,
        help_text=_("The last coverage year these periods apply to. Empty: until a later row takes over. "
                    "When the rules change, set this year here and add a new row; do not edit the old days."),
    )
    collection_start_month = models.PositiveSmallIntegerField(
        _("payment opens: month"), validators=MONTH, help_text=_("Month (1-12) payment for a coverage year opens."),
    )
    collection_start_day = models.PositiveSmallIntegerField(
        _("payment opens: day"), validators=DAY, help_text=_("Day of the month payment opens."),
    )
    collection_start_year_offset = models.SmallIntegerField(
        _("payment opens: year"), choices=YearOffset.choices, default=YearOffset.BEFORE,
        help_text=_("Usually the year before the coverage year."),
    )
    collection_end_month = models.PositiveSmallIntegerField(
        _("payment closes: month"), validators=MONTH, help_text=_("Month (1-12) of the last day to pay."),
    )
    collection_end_day = models.PositiveSmallIntegerField(
        _("payment closes: day"), validators=DAY, help_text=_("The last day to pay, included."),
    )
    collection_end_year_offset = models.SmallIntegerField(
        _("payment closes: year"), choices=YearOffset.choices, default=YearOffset.BEFORE,
        help_text=_("Usually the year before the coverage year."),
    )
    treatment_start_month = models.PositiveSmallIntegerField(
        _("cover starts: month"), validators=MONTH, default=1,
        help_text=_("Month (1-12) the treatment period (cover) starts."),
    )
    treatment_start_day = models.PositiveSmallIntegerField(
        _("cover starts: day"), validators=DAY, default=1, help_text=_("Day of the month cover starts."),
    )
    treatment_start_year_offset = models.SmallIntegerField(
        _("cover starts: year"), choices=YearOffset.choices, default=YearOffset.SAME,
        help_text=_("Usually the coverage year itself."),
    )
    treatment_end_month = models.PositiveSmallIntegerField(
        _("cover ends: month"), validators=MONTH, default=12, help_text=_("Month (1-12) of the last day of cover."),
    )
    treatment_end_day = models.PositiveSmallIntegerField(
        _("cover ends: day"), validators=DAY, default=31, help_text=_("The last day of cover, included."),
    )
    treatment_end_year_offset = models.SmallIntegerField(
        _("cover ends: year"), choices=YearOffset.choices, default=YearOffset.SAME,
        help_text=_("The coverage year, or the year after for periods such as Sep 1 - Aug 31."),
    )
    source_title = models.CharField(
        _("source title"), max_length=255,
        help_text=_("The notice or page these periods come from, as readers will see it cited."),
    )
    source_reference = models.CharField(
        _("source reference"), max_length=255, blank=True,
        help_text=_("Document number, article or date of the source, e.g. “陕医保发〔2024〕12号”."),
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, help_text=_("Optional link to the source."),
    )
    source_confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence.choices, default=Confidence.LOCAL,
        help_text=_("How sure we are of the source. Anything below P tells readers to check with their local office."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = RegionalPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["region_code", "-effective_from_year"]
        verbose_name = _("regional payment period")
        verbose_name_plural = _("regional payment periods")
        constraints = [
            # Overlaps are refused in clean(); this catches the commonest one (same first year) in any database.
            models.UniqueConstraint(
                fields=["region_code", "effective_from_year"], name="policy_regionalperiod_unique_first_year",
            ),
            models.CheckConstraint(
                condition=Q(effective_to_year__isnull=True) | Q(effective_to_year__gte=models.F("effective_from_year")),
                name="policy_regionalperiod_years_in_order",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{day}_month__gte": 1, f"{day}_month__lte": 12, f"{day}_day__gte": 1,
                                   f"{day}_day__lte": 31, f"{day}_year_offset__gte": -1, f"{day}_year_offset__lte": 1}),
                    name=f"policy_regionalperiod_{day}_valid",
                )
                for day in ("collection_start", "collection_end", "treatment_start", "treatment_end")
            ],
        ]

    def __str__(self):
        last = self.effective_to_year or "…"
        return f"{self.region_name} ({self.region_code}) {self.effective_from_year}–{last}"

    def day(self, name):
        return DayInYear(
            getattr(self, f"{name}_month"), getattr(self, f"{name}_day"), getattr(self, f"{name}_year_offset")
        )

    def clean(self):
        errors = {}
        days = {}
        for name in ("collection_start", "collection_end", "treatment_start", "treatment_end"):
            try:
                days[name] = self.day(name)
            except (TypeError, ValueError):
                errors[f"{name}_day"] = _("This day does not exist every year. Use Feb 28 or Mar 1 instead of Feb 29.")
        if len(days) == 4:
            if days["collection_start"].sort_key() > days["collection_end"].sort_key():
                errors["collection_end_day"] = _("Payment cannot close before it opens.")
            if days["treatment_start"].sort_key() > days["treatment_end"].sort_key():
                errors["treatment_end_day"] = _("Cover cannot end before it starts.")
            if days["collection_start"].sort_key() > days["treatment_end"].sort_key():
                errors["collection_start_day"] = _("Payment must open before the cover ends.")
        first, last = self.effective_from_year, self.effective_to_year
        if first is not None and last is not None and last < first:
            errors["effective_to_year"] = _("The last coverage year cannot come before the first.")
        elif first is not None and self.region_code:
            clash = RegionalPeriod.objects.overlapping(self.region_code, first, last).exclude(pk=self.pk).first()
            if clash:
                errors["effective_from_year"] = _(
                    "These coverage years overlap the existing row “%(row)s”. Set that row's last coverage year "
                    "first, then add this row for the years after it."
                ) % {"row": clash}
        if errors:
            raise ValidationError(errors)

    def as_period_row(self):
        return PeriodRow(
            first_year=self.effective_from_year,
            last_year=self.effective_to_year,
            collection_start=self.day("collection_start"),
            collection_end=self.day("collection_end"),
            treatment_start=self.day("treatment_start"),
            treatment_end=self.day("treatment_end"),
            citation=Citation(
                "RES-1", RuleConfidence(self.source_confidence),
                title=self.source_title, reference=self.source_reference, url=self.source_url,
            ),
            region_code=self.region_code,
            region_name=self.region_name,
        )
