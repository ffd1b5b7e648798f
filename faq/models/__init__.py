"""faq's models, one module per job; imported from here by the rest of the project and by Django."""

from .articles import (
    MAYBE_HIDDEN,
    TRANSLATION_STATE_FIELDS,
    Article,
    ArticleQuerySet,
    Significance,
    SlugHistory,
    TranslationState,
    published_conditions,
)
from .categories import RESERVED_CATEGORY_SLUGS, Category, validate_category_slug, validate_translation_of
from .readers import ArticleFeedback, SearchCount, ZeroResultSearch
from .references import (
    ArticleChecker,
    ArticleLegalReference,
    ArticleListItem,
    LegalReference,
    RelatedArticle,
    WaitingRelatedTitle,
)
from .review import ArticleChange, Correction, RevisionSignificance
from .search import SearchDocument, SearchPosting, SearchStatistics, SearchTerm, SearchWord, SynonymGroup

__all__ = [
    "RESERVED_CATEGORY_SLUGS",
    "validate_category_slug",
    "Category",
    "validate_translation_of",
    "Significance",
    "TranslationState",
    "TRANSLATION_STATE_FIELDS",
    "MAYBE_HIDDEN",
    "ArticleQuerySet",
    "published_conditions",
    "Article",
    "SlugHistory",
    "LegalReference",
    "ArticleListItem",
    "ArticleLegalReference",
    "ArticleChecker",
    "RelatedArticle",
    "WaitingRelatedTitle",
    "Correction",
    "RevisionSignificance",
    "ArticleChange",
    "ArticleFeedback",
    "SearchCount",
    "ZeroResultSearch",
    "SearchDocument",
    "SearchStatistics",
    "SearchTerm",
    "SearchPosting",
    "SearchWord",
    "SynonymGroup",
]
