"""make_* helpers: the smallest valid objects, with any field overridable."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from faq.models import Article, ArticleChecker, ArticleLegalReference, Category, LegalReference, RelatedArticle
from portal.roles import roles_grant

_sequence = itertools.count(1)


def make_category(**fields):
    number = next(_sequence)
    fields.setdefault("name", f"Category {number}")
    fields.setdefault("slug", f"category-{number}")
    return Category.objects.create(**fields)


def make_article(checkers=(), **fields):
    """An article; `checkers` are the checker slugs it offers, in order."""
    number = next(_sequence)
    if "category" not in fields:
        fields["category"] = make_category()
    fields.setdefault("title", f"Article {number}")
    fields.setdefault("slug", f"article-{number}")
    fields.setdefault("question", f"Question {number}?")
    fields.setdefault("body", f"Answer {number}.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    article = Article.objects.create(**fields)
    ArticleChecker.objects.bulk_create(
        ArticleChecker(article=article, checker=checker, order=order) for order, checker in enumerate(checkers)
    )
    return article


def make_legal_reference(**fields):
    number = next(_sequence)
    fields.setdefault("law_name", "Social Insurance Law of the PRC")
    fields.setdefault("article_number", f"Article {number}")
    fields.setdefault("text", f"Text of article {number}.")
    return LegalReference.objects.create(**fields)


def add_legal_reference(article, reference, order=0, heading=""):
    return ArticleLegalReference.objects.create(
        article=article, legal_reference=reference, order=order, heading=heading
    )


def add_related(article, title, target=None, order=0):
    return RelatedArticle.objects.create(article=article, title=title, target=target, order=order)


def make_staff(group, username=None):
    """A staff user in the "Editor" or "Publisher" group, password "password"."""
    username = username or f"{group.lower()}{next(_sequence)}"
    user = get_user_model().objects.create_user(username, password="password", is_staff=True)
    user.groups.add(_group(group))
    return user


def _group(name):
    """The group the migrations made; made again after a transactional test's flush emptied the table."""
    if not Group.objects.filter(name=name).exists():
        roles_grant()
    return Group.objects.get(name=name)
