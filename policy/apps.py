from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = "Policy"

    def ready(self):
        # Articles offer the checkers by slug; faq learns their names and how to link them from here.
        from django.utils.translation import get_language

        from faq.checker_hooks import CheckerHook, register
        from faq.shared_records import register_shared_record
        from portal.reversing import reverse_in

        from .checkers import CHECKERS, checker_search_texts
        from .choices import CheckerSlug
        from .models import RegionalPeriod, RequiredYearsRule

        register(CheckerHook(
            choices=lambda: CheckerSlug.choices,
            article_template="policy/includes/_check_your_case.html",
            legal_reference_template="policy/includes/_legal_reference_checker.html",
            search_texts=checker_search_texts,
            start_url=lambda slug: reverse_in(get_language(), "policy:checker_start", checker=slug),
        ))
        # The dated rows the checkers answer from: an Editor's change to one waits for a Publisher.
        for model in (RegionalPeriod, RequiredYearsRule):
            register_shared_record(model, checkers=lambda model=model: [
                (checker.slug.value, checker.title)
                for checker in CHECKERS.values() if checker.form_class.region_model is model
            ])
