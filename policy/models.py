from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel
from serving.links import LinkField

from .rules.citations import Citation, Confidence
from .rules.parameters import PeriodRow
from .rules.periods import DayInYear
from .rules.retirement import RequiredYearsRow

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
DAY = [MinValueValidator(1), MaxValueValidator(31)]
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
YEARS_OF_CONTRIBUTIONS = [MinValueValidator(0), MaxValueValidator(60)]


class YearOffset(models.IntegerChoices):
    BEFORE = -1, _("the year before the coverage year")
    SAME = 0, _("the coverage year")
    AFTER = 1, _("the year after the coverage year")


# How editors choose a source's confidence; readers see the shorter labels in policy/wording/sources.py.
CONFIDENCE_CHOICES = {
    Confidence.P: _("P: primary legal text read"),
    Confidence.Q: _("Q: official text quoted word for word by a third party"),
    Confidence.S: _("S: secondary summary or news"),
    Confidence.L: _("L: local rule, valid only where named"),
}


def span_constraints(first_field, last_field, unique_name, order_name):
    """What the database checks of dated rows: overlaps are refused in clean(), and these catch the commonest
    one (the same first year or day) and a span that runs backwards, in any database."""
    return [
        models.UniqueConstraint(fields=["region_code", first_field], name=unique_name),
        models.CheckConstraint(
            condition=Q(**{f"{last_field}__isnull": True}) | Q(**{f"{last_field}__gte": models.F(first_field)}),
            name=order_name,
        ),
    ]


class RegionalRowQuerySet(models.QuerySet):
    def overlapping(self, region_code, first, last):
        """Rows of the region whose span shares at least one year or day with first..last (None: open-ended)."""
        first_field, last_field = self.model.span_fields
        rows = self.filter(region_code=region_code).filter(
            Q(**{f"{last_field}__isnull": True}) | Q(**{f"{last_field}__gte": first})
        )
        return rows if last is None else rows.filter(**{f"{first_field}__lte": last})


class RegionalRow(CleanTextModel):
    """A region's dated row with its source: one run of a region's rules, never overlapping another run.

    Subclasses name the first and last field of their span in `span_fields` and say what a clash means
    in `overlap_message`. A saved row is history: only its last field may change, to close it.
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
    region_name_zh = models.CharField(
        _("region name in Chinese"), max_length=100, blank=True,
        help_text=_("What Chinese pages and answers call the region, e.g. “陕西”. Empty: the region name is used."),
    )
    source_title = models.CharField(
        _("source title"), max_length=255,
        help_text=_("The notice or page this row comes from, as readers will see it cited."),
    )
    source_title_zh = models.CharField(
        _("source title in Chinese"), max_length=255, blank=True,
        help_text=_("The source title as Chinese answers cite it, e.g. “陕西省城乡居民医保缴费期（二手摘要）”. "
                    "Empty: the source title is used."),
    )
    source_reference = models.CharField(
        _("source reference"), max_length=255, blank=True,
        help_text=_("Document number, article or date of the source, e.g. “陕医保发〔2024〕12号”."),
    )
    source_reference_zh = models.CharField(
        _("source reference in Chinese"), max_length=255, blank=True,
        help_text=_("The source reference as Chinese answers show it. Empty: the source reference is used."),
    )
    source_url = LinkField(
        _("source URL"), max_length=500, blank=True, help_text=_("Optional link to the source."),
    )
    source_confidence = models.CharField(
        _("confidence"), max_length=1, choices=[(member.value, label) for member, label in CONFIDENCE_CHOICES.items()],
        default=Confidence.L.value,
        help_text=_("How sure we are of the source. Anything below P tells readers to check with their local office."),
    )
    office_url = LinkField(
        _("local office page"), max_length=500, blank=True,
        help_text=_("The official service page of the region's medical insurance office, linked under the "
                    "checker's answer (“Still need help?”). Empty: readers get the site's general link. "
                    "To add or change it, close this row and add a new one."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = RegionalRowQuerySet.as_manager()

    span_fields = ("", "")
    overlap_message = ""
    order_message = ""
    # How readers see a row, not what the rule says: editors may still correct these on a saved row.
    translation_fields = ("region_name_zh", "source_title_zh", "source_reference_zh")

    class Meta:
        abstract = True

    def in_reader_language(self, name):
        """The text of field `name` in the active language: its Chinese version on Chinese pages, when written."""
        chinese = getattr(self, f"{name}_zh")
        return chinese if chinese and (get_language() or "").startswith("zh") else getattr(self, name)

    def clean_span(self, errors):
        """Adds to `errors` when the span runs backwards or overlaps another row of the region."""
        first_field, last_field = self.span_fields
        first, last = getattr(self, first_field), getattr(self, last_field)
        if first is not None and last is not None and last < first:
            errors[last_field] = self.order_message
        elif first is not None and self.region_code:
            clash = type(self).objects.overlapping(self.region_code, first, last).exclude(pk=self.pk).first()
            if clash:
                errors[first_field] = self.overlap_message % {"row": clash}

    def citation(self, clause):
        return Citation(
            clause, Confidence(self.source_confidence), title=self.in_reader_language("source_title"),
            reference=self.in_reader_language("source_reference"), url=self.source_url,
        )


class RegionalPeriod(RegionalRow):
    """A region's collection and treatment periods for a run of coverage years.

    Days are stored as month, day and a year offset from the coverage year, so periods that
    straddle two calendar years (e.g. Sep 1 - Aug 31) are expressed directly.
    """

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

    span_fields = ("effective_from_year", "effective_to_year")
    overlap_message = _(
        "These coverage years overlap the existing row “%(row)s”. Set that row's last coverage year "
        "first, then add this row for the years after it."
    )
    order_message = _("The last coverage year cannot come before the first.")

    class Meta:
        ordering = ["region_code", "-effective_from_year"]
        verbose_name = _("regional payment period")
        verbose_name_plural = _("regional payment periods")
        constraints = [
            *span_constraints(
                "effective_from_year", "effective_to_year",
                "policy_regionalperiod_unique_first_year", "policy_regionalperiod_years_in_order",
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
        self.clean_span(errors)
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
            citation=self.citation("RES-1"),
            region_code=self.region_code,
            region_name=self.in_reader_language("region_name"),
        )


class RequiredYearsRule(RegionalRow):
    """EMP-2: the years of employee medical insurance a region requires before members stop paying at retirement.

    Dated by the retirement month the rule applies to, since a region may raise its years step by step.
    """

    effective_from = models.DateField(
        _("applies to retirements from"),
        help_text=_("The first day of the first retirement month this rule applies to, e.g. 2030-01-01."),
    )
    effective_to = models.DateField(
        _("applies to retirements until"), null=True, blank=True,
        help_text=_("The last day this rule applies to. Empty: until a later row takes over. When the years change, "
                    "set this date here and add a new row; do not edit the old figures."),
    )
    men_years = models.DecimalField(
        _("years required of men"), max_digits=4, decimal_places=1, validators=YEARS_OF_CONTRIBUTIONS,
        help_text=_("Total years of employee medical insurance, deemed years included, e.g. 30."),
    )
    women_years = models.DecimalField(
        _("years required of women"), max_digits=4, decimal_places=1, validators=YEARS_OF_CONTRIBUTIONS,
        help_text=_("Total years of employee medical insurance, deemed years included, e.g. 25."),
    )
    min_local_years = models.DecimalField(
        _("minimum years paid in the region"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=YEARS_OF_CONTRIBUTIONS,
        help_text=_("Years that must have been actually paid in this region, e.g. 10. Empty: the region sets none. "
                    "Readers are then asked how many of their years were paid there."),
    )

    span_fields = ("effective_from", "effective_to")
    overlap_message = _(
        "These dates overlap the existing row “%(row)s”. Set that row's last date first, then add this row "
        "for the retirements after it."
    )
    order_message = _("The last date cannot come before the first.")

    class Meta:
        ordering = ["region_code", "-effective_from"]
        verbose_name = _("required years at retirement")
        verbose_name_plural = _("required years at retirement")
        constraints = span_constraints(
            "effective_from", "effective_to",
            "policy_requiredyearsrule_unique_first_day", "policy_requiredyearsrule_dates_in_order",
        )

    def __str__(self):
        last = self.effective_to or "…"
        return f"{self.region_name} ({self.region_code}) {self.effective_from}–{last}"

    def clean(self):
        errors = {}
        self.clean_span(errors)
        if errors:
            raise ValidationError(errors)

    def as_required_years_row(self):
        return RequiredYearsRow(
            first_day=self.effective_from,
            last_day=self.effective_to,
            men_years=self.men_years,
            women_years=self.women_years,
            min_local_years=self.min_local_years,
            citation=self.citation("EMP-2"),
        )
