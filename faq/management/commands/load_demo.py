"""Load the demo content: the seed article and the articles written around it.

Safe to run again: documents that have not changed are left alone, and the
editorial touches below are only written when they differ.
"""

from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from faq.article_state import publish_warning_message, publish_warnings
from faq.checker_hooks import checker_choices
from faq.models import Article, ArticleChecker, Category, LegalReference, RelatedArticle, SynonymGroup
from faq.services import article_link_waiting_relations, article_record_revision
from serving.content_version import content_changed

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
SEED_TITLE = "Can I pay the medical insurance again?"
DEMO_REVIEWED_ON = date(2026, 11, 26)
SEED_TITLE_ZH = "医保可以重复缴纳吗？"
REFUND_TITLE = "Can I get a refund if I am enrolled in medical insurance twice?"
REFUND_TITLE_ZH = "重复参保可以退费吗？"
FAMILY_TITLE = "Can my family use my medical insurance personal account?"
FAMILY_TITLE_ZH = "医保个人账户的钱家人能用吗？"
RETIREMENT_TITLE = "Do I have to keep paying medical insurance after I retire?"
RETIREMENT_TITLE_ZH = "退休后还要继续交医保吗？"
CASH_TITLE = "What happens if I cash out my medical insurance card?"
CASH_TITLE_ZH = "违规使用医保卡会有什么后果？"
LEAVING_TITLE = "I am leaving my job: what happens to my medical insurance?"
LEAVING_TITLE_ZH = "离职后医保怎么办？"
BENEFIT_TITLE = "Who can get unemployment benefit, and for how long?"
BENEFIT_TITLE_ZH = "谁能领失业保险金？能领多久？"
FLEXIBLE_TITLE = "Can I pay employee medical insurance myself as a flexible worker?"
FLEXIBLE_TITLE_ZH = "灵活就业人员可以自己交职工医保吗？"

# Every demo article and category has a Simplified Chinese version, linked to its English original.
TRANSLATIONS = {
    SEED_TITLE: SEED_TITLE_ZH,
    REFUND_TITLE: REFUND_TITLE_ZH,
    FAMILY_TITLE: FAMILY_TITLE_ZH,
    RETIREMENT_TITLE: RETIREMENT_TITLE_ZH,
    CASH_TITLE: CASH_TITLE_ZH,
    LEAVING_TITLE: LEAVING_TITLE_ZH,
    BENEFIT_TITLE: BENEFIT_TITLE_ZH,
    FLEXIBLE_TITLE: FLEXIBLE_TITLE_ZH,
}
CATEGORY_TRANSLATIONS = {"Social security inquiry": "社保查询"}

# Where the seed is out of date, readers see the current rule and its source. No trailing newline:
# the admin form strips one, and a save would then record a change nobody made.
SEED_EDITOR_NOTE = """\
This answer was written before several national changes. What applies now:

- **Family use of the personal account is national.** Since 2021 (State Council General Office
  guidance, 国办发〔2021〕14号) an employee's personal account may pay a spouse's, parents' and
  children's costs at designated hospitals and pharmacies; since 2024 (all provinces by
  9 December 2024) other near relatives too, including their resident premiums. These dates come
  from secondary summaries: check with your local medical insurance office.
- **Accidents caused by someone else.** When a liable third party does not pay or cannot be
  identified, the medical insurance fund pays first and recovers the money from them (Social
  Insurance Law, Article 30).
- **Dropping resident cover now has a cost.** From benefit year 2025, enrolling again after a break
  brings a waiting period of at least 3 months, plus one month for each further year without
  cover, and the rewards for continuous cover start again
  ([国办发〔2024〕38号](https://www.gov.cn/zhengce/content/202408/content_6965741.htm)).
- **Whether you keep paying after retirement** depends on the years your region requires and on the
  retirement ages that rise from 2025 (Social Insurance Law, Article 27; see the article on
  retirement below).
- **Check your own case.** Since this answer was written, the checkers under it answer from your own
  facts: whether you can pay again, whether you can get your contribution refunded, what your card
  may pay for (cash, relatives, treatment), and whether you must keep paying after you retire, each
  with the rules and sources behind it."""

# The seed's editor note in Chinese, for the seed's Chinese translation. One line per point:
# Markdown turns a line break inside a paragraph into a space, which Chinese text must not have.
SEED_EDITOR_NOTE_ZH = "\n".join([
    "本回答写于多项全国性政策调整之前。现行规定如下：",
    "",
    "- **个人账户家庭共济已在全国推行。** 自2021年起（国务院办公厅指导意见，国办发〔2021〕14号），"
    "职工医保个人账户可以支付配偶、父母、子女在定点医疗机构和定点药店发生的费用；自2024年起"
    "（各省份于2024年12月9日前全部落实），还可以用于其他近亲属，包括为他们缴纳城乡居民医保费。"
    "这些日期来自二手资料，请向当地医保经办机构核实。",
    "- **他人造成的意外伤害。** 应当由第三人负担的医疗费用，第三人不支付或者无法确定第三人的，"
    "由基本医疗保险基金先行支付，再向第三人追偿（《社会保险法》第三十条）。",
    "- **中断城乡居民医保现在有代价。** 自2025年医保年度起，断保后再参保的，设置不少于3个月的"
    "待遇等待期，每多断保1年再增加1个月，连续参保激励也重新计算"
    "（[国办发〔2024〕38号](https://www.gov.cn/zhengce/content/202408/content_6965741.htm)）。",
    "- **退休后是否还要继续缴费**，取决于所在地区规定的缴费年限，以及自2025年起逐步提高的"
    "法定退休年龄（《社会保险法》第二十七条）。",
    "- **查询您自己的情况。** 本文写成之后，我们在下方增加了自助查询：能否重复缴费、能否退还个人缴费、"
    "医保卡能支付什么（提现、亲属、就医），以及退休后是否还要继续缴费，每项都附有依据的规定和出处。",
])

# The checkers the demo links to, by the slugs the app running them registers (faq/checker_hooks.py).
PAY_AGAIN, REFUND, CARD_USE, RETIREMENT = "pay-again", "refund", "card-use", "retirement"
BETWEEN_JOBS = "between-jobs"

# The checkers each article offers, in order: every one its points lead to. The seed's headline first
# (paying again, and the refund it promises), then its card rules and its retirement point.
ENGLISH_CHECKERS = {
    SEED_TITLE: [PAY_AGAIN, REFUND, CARD_USE, RETIREMENT],
    REFUND_TITLE: [REFUND, PAY_AGAIN],
    RETIREMENT_TITLE: [RETIREMENT],
    CASH_TITLE: [CARD_USE],
    FAMILY_TITLE: [CARD_USE],
    LEAVING_TITLE: [BETWEEN_JOBS, PAY_AGAIN],
    BENEFIT_TITLE: [BETWEEN_JOBS],
    # Flexible workers' years count at retirement, so the retirement checker is theirs too.
    FLEXIBLE_TITLE: [BETWEEN_JOBS, RETIREMENT],
}
# A translation offers what its original does.
ARTICLE_CHECKERS = {
    **ENGLISH_CHECKERS,
    **{TRANSLATIONS[title]: checkers for title, checkers in ENGLISH_CHECKERS.items()},
}

# Articles of the law a checker applies: every article citing them links to it from its legal basis.
SOCIAL_INSURANCE_LAW = "People's Republic of China (PRC) social insurance law"
FUND_REGULATION = "Regulation on the Supervision and Administration of the Use of Medical Security Funds"
SOCIAL_INSURANCE_LAW_ZH = "中华人民共和国社会保险法"
FUND_REGULATION_ZH = "医疗保障基金使用监督管理条例"
LEGAL_REFERENCE_CHECKERS = {
    (SOCIAL_INSURANCE_LAW, "Article 27"): RETIREMENT,
    (SOCIAL_INSURANCE_LAW_ZH, "第二十七条"): RETIREMENT,
    (SOCIAL_INSURANCE_LAW, "Article 30"): CARD_USE,
    (SOCIAL_INSURANCE_LAW_ZH, "第三十条"): CARD_USE,
    (SOCIAL_INSURANCE_LAW, "Article 88"): CARD_USE,
    (SOCIAL_INSURANCE_LAW_ZH, "第八十八条"): CARD_USE,
    (FUND_REGULATION, "Article 17"): PAY_AGAIN,
    (FUND_REGULATION_ZH, "第十七条"): PAY_AGAIN,
    (FUND_REGULATION, "Article 19"): CARD_USE,
    (FUND_REGULATION_ZH, "第十九条"): CARD_USE,
    (FUND_REGULATION, "Article 41"): CARD_USE,
    (FUND_REGULATION_ZH, "第四十一条"): CARD_USE,
    (SOCIAL_INSURANCE_LAW, "Article 23"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW_ZH, "第二十三条"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW, "Article 45"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW_ZH, "第四十五条"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW, "Article 46"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW_ZH, "第四十六条"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW, "Article 48"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW_ZH, "第四十八条"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW, "Article 50"): BETWEEN_JOBS,
    (SOCIAL_INSURANCE_LAW_ZH, "第五十条"): BETWEEN_JOBS,
}

# The seed's own related list names articles this site does not have; these give it links that work.
SEED_EXTRA_RELATED = [REFUND_TITLE, FAMILY_TITLE, RETIREMENT_TITLE, CASH_TITLE]


# Words readers use for the same thing, kept by editors under Search → Synonym groups.
DEMO_SYNONYMS = [
    ("zh-hans", "退费, 退款, 退保"),
    ("zh-hans", "取现, 提现, 套现"),
    ("zh-hans", "缴, 交"),
    ("en", "refund, reimbursement, money back"),
    # Leaving a job, however it happens, and the benefit that may follow.
    ("zh-hans", "辞职, 离职, 失业, 下岗, 裁员"),
    ("zh-hans", "失业金, 失业保险金"),
    ("zh-hans", "灵活就业, 自由职业, 个体户"),
    ("en", "resign, quit, laid off, unemployment, unemployed, leaving my job"),
]


class Command(BaseCommand):
    help = "Import the demo articles (published) and apply their editorial notes and links."

    def handle(self, *args, **options):
        offered = {slug for slug, _ in checker_choices()}
        if not offered >= {PAY_AGAIN, REFUND, CARD_USE, RETIREMENT, BETWEEN_JOBS}:
            raise CommandError("The demo links to the checkers, but no installed app offers them.")
        # The importer warns of what each document lacks as it publishes it, a translation included; the
        # demo links each pair afterwards, so only what is still missing then is said.
        call_command("import_articles", "--status", "published", str(DEMO_DIR), stdout=self.stdout, stderr=StringIO())
        with transaction.atomic():
            self._apply_editorial()
        # The legal references' checkers change by a queryset update, which sends no signal.
        content_changed()
        for article in Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk"):
            for warning in publish_warnings(article):
                self.stderr.write(f"warning: {publish_warning_message(article, warning)}")

    def _apply_editorial(self):
        seed = Article.objects.get(title=SEED_TITLE)
        changed = set()
        if seed.editor_note != SEED_EDITOR_NOTE:
            seed.editor_note = SEED_EDITOR_NOTE
            seed.save(update_fields=["editor_note", "updated_at"])
            changed.add(seed.pk)

        for title, checkers in ARTICLE_CHECKERS.items():
            article = Article.objects.get(title=title)
            if list(article.checker_links.values_list("checker", flat=True)) != checkers:
                article.checker_links.all().delete()
                ArticleChecker.objects.bulk_create(
                    ArticleChecker(article=article, checker=checker, order=order)
                    for order, checker in enumerate(checkers)
                )
                changed.add(article.pk)
        for language, terms in DEMO_SYNONYMS:
            SynonymGroup.objects.get_or_create(language=language, terms=terms)
        for (law_name, article_number), checker in LEGAL_REFERENCE_CHECKERS.items():
            LegalReference.objects.filter(law_name=law_name, article_number=article_number).exclude(
                checker=checker
            ).update(checker=checker)

        next_order = seed.related_links.count()
        for title in SEED_EXTRA_RELATED:
            _, created = RelatedArticle.objects.get_or_create(
                article=seed, title=title, defaults={"order": next_order}
            )
            next_order += created
            if created:
                changed.add(seed.pk)
        article_link_waiting_relations(article=seed)

        seed_zh = Article.objects.get(title=SEED_TITLE_ZH)
        if seed_zh.editor_note != SEED_EDITOR_NOTE_ZH:
            seed_zh.editor_note = SEED_EDITOR_NOTE_ZH
            seed_zh.save(update_fields=["editor_note", "updated_at"])
            changed.add(seed_zh.pk)
        # Each Chinese version is its original's translation: each page links to the other.
        for title, title_zh in TRANSLATIONS.items():
            original, chinese = Article.objects.get(title=title), Article.objects.get(title=title_zh)
            if chinese.translation_of_id != original.pk:
                chinese.translation_of = original
                chinese.save(update_fields=["translation_of", "updated_at"])
                changed.add(chinese.pk)
        for name, name_zh in CATEGORY_TRANSLATIONS.items():
            original, chinese = Category.objects.get(name=name), Category.objects.get(name=name_zh)
            if (chinese.language, chinese.translation_of_id) != ("zh-hans", original.pk):
                chinese.language, chinese.translation_of = "zh-hans", original
                chinese.save(update_fields=["language", "translation_of"])
        # The demo articles were checked against the policy sources on this day; a review an
        # editor records later is never overwritten.
        for article in Article.objects.filter(reviewed_on__isnull=True):
            article.reviewed_on = DEMO_REVIEWED_ON
            article.save(update_fields=["reviewed_on", "updated_at"])
            changed.add(article.pk)
        # The demo's touches are part of each article's history, so restoring starts from them.
        for article in Article.objects.filter(pk__in=changed):
            article_record_revision(article=article, comment="Demo editorial notes and links")
        self.stdout.write(f"Demo content ready: {Article.objects.published().count()} published articles.")
