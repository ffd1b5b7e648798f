from pathlib import Path
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from faq.article_state import publish_warning_message, publish_warnings
from faq.document_parser import DocumentError, read_document
from faq.importers import ImportOutcome, article_import_document
from faq.models import Article


class Command(BaseCommand):
    help = (
        "Import FAQ articles from text documents (breadcrumb, question, answer, optional legal basis "
        "and related articles). Each file is saved on its own; a directory imports its *.txt files."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="A document or a directory.")
        parser.add_argument(
            "--status",
            choices=Article.Status.values,
            help="Status of new articles (default: draft); when given, also set on updated articles.",
        )
        parser.add_argument(
            "--user", metavar="USERNAME",
            help="Import as this staff user, named in the history. An Editor's changes to published articles "
                 "and to the wording of laws they cite wait for a Publisher's review, as in the admin.",
        )
        parser.add_argument(
            "--replace", action="store_true",
            help="Remove what a document leaves out (headings, legal basis rows, related titles, \"In short\"); "
                 "by default they are kept.",
        )

    def handle(self, *args, paths, status, user, replace, **options):
        self.user, self.replace = self._staff_user(user), replace
        failures = 0
        for path in paths:
            if path.is_dir():
                files = sorted(child for child in path.glob("*.txt") if child.is_file())
                if not files:
                    self._report_error(str(path), "the directory has no .txt files")
                    failures += 1
            elif path.exists():
                files = [path]
            else:
                self._report_error(str(path), "no such file or directory")
                files = []
                failures += 1
            for file in files:
                if not self._import_file(file, status=status):
                    failures += 1
        if failures:
            raise CommandError(f"{failures} import(s) failed; see the errors above")

    def _import_file(self, path, *, status):
        """Import one file; return whether it succeeded."""
        try:
            with path.open("rb") as file:
                text = read_document(file)
            result = article_import_document(
                text=text, status=status, user=self.user, file_name=path.name, replace=self.replace
            )
        except OSError as error:
            self._report_error(path.name, error.strerror or str(error))
            return False
        except DocumentError as error:
            self._report_error(path.name, error.reason)
            return False
        article = result.article
        self.stdout.write(f'{path.name}: {result.outcome} "{article.title}" {unquote(article.get_absolute_url())}')
        for reference, _wording in result.law_changes:
            self.stdout.write(f"{path.name}: the new wording of {reference} waits for a publisher's review")
        live = result.outcome in (ImportOutcome.CREATED, ImportOutcome.UPDATED) and status == Article.Status.PUBLISHED
        if live:
            # What publishing in the admin warns of, said here too: publishing still goes ahead.
            for warning in publish_warnings(article):
                self.stderr.write(f"{path.name}: warning: {publish_warning_message(article, warning)}")
        return True

    def _staff_user(self, username):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True, is_staff=True).first()
        if user is None:
            raise CommandError(f"no active staff user named {username!r}")
        return user

    def _report_error(self, name, reason):
        self.stderr.write(f"{name}: error: {reason}")
