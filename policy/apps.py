from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = "Policy"

    def ready(self):
        # Articles offer the checkers by slug; faq learns their names and how to link them from here.
        from django.urls import reverse

        from faq.checker_hooks import CheckerHook, register

        from .checkers import checker_search_texts
        from .choices import CheckerSlug

        register(CheckerHook(
            choices=lambda: CheckerSlug.choices,
            article_template="policy/includes/_check_your_case.html",
            legal_reference_template="policy/includes/_legal_reference_checker.html",
            search_texts=checker_search_texts,
            start_url=lambda slug: reverse("policy:checker_start", kwargs={"checker": slug}),
        ))
