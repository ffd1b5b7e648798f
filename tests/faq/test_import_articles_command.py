import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faq.models import Article, LegalReference

SEED_LINE = (
    '000_d78f2f9bf300a7ec.txt: {} "Can I pay the medical insurance again?" '
    "/faq/social-security-inquiry/can-i-pay-the-medical-insurance-again/"
)


def run(*args):
    """Run the command; return its exit code, stdout and stderr."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=stdout, stderr=stderr)
    except CommandError as error:
        return error.returncode, stdout.getvalue(), stderr.getvalue()
    return 0, stdout.getvalue(), stderr.getvalue()


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def valid_document(title):
    return f"Site - Social security inquiry - {title}\n{title}\nThe answer.\n"


@pytest.mark.django_db
def test_imports_the_seed_and_prints_one_line(seed_path):
    code, out, err = run(seed_path)

    assert (code, err) == (0, "")
    assert out == SEED_LINE.format("created") + "\n"
    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.django_db
def test_running_twice_reports_unchanged_and_changes_nothing(seed_path):
    run(seed_path)
    updated_at = Article.objects.get().updated_at

    code, out, _ = run(seed_path)

    assert code == 0
    assert out == SEED_LINE.format("unchanged") + "\n"
    assert Article.objects.get().updated_at == updated_at
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_status_option_publishes(seed_path):
    run("--status", "published", seed_path)

    assert Article.objects.get().status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_an_unknown_status_is_refused(seed_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_articles", "--status", "live", str(seed_path), stdout=StringIO())


@pytest.mark.django_db
def test_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + valid_document("With a mark?").encode())

    code, out, _ = run(path)

    assert code == 0
    assert out == 'bom.txt: created "With a mark?" /faq/social-security-inquiry/with-a-mark/\n'


@pytest.mark.django_db
def test_bad_files_are_reported_and_the_others_still_import(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(valid_document("Café?").encode("latin-1"))
    no_body = write(tmp_path / "no_body.txt", "Site - Category - Title\nQuestion?\n")
    broken_legal = write(
        tmp_path / "broken_legal.txt", valid_document("Broken?") + "Legal basis:\nSome law\nArticle 1\n"
    )
    huge = write(tmp_path / "huge.txt", valid_document("Huge?") + "word " * 300_000)
    good = write(tmp_path / "good.txt", valid_document("Good?"))

    code, out, err = run(empty, latin1, no_body, broken_legal, huge, good)

    assert code == 1
    assert out == 'good.txt: created "Good?" /faq/social-security-inquiry/good/\n'
    assert err.splitlines() == [
        "empty.txt: error: the file is empty",
        "latin1.txt: error: not UTF-8 text (byte 0xe9 at offset 36)",
        "no_body.txt: error: the document has no answer text after the question",
        'broken_legal.txt: error: "Article 1" of "Some law" has no text',
        "huge.txt: error: the file is larger than 1,000,000 bytes, too large for an article",
    ]
    assert list(Article.objects.values_list("title", flat=True)) == ["Good?"]
    assert not LegalReference.objects.exists()


@pytest.mark.django_db
def test_a_directory_imports_its_text_files_in_name_order(tmp_path, seed_path):
    shutil.copy(seed_path, tmp_path / seed_path.name)
    write(tmp_path / "b.txt", valid_document("Second?"))
    write(tmp_path / "a.txt", valid_document("First?"))
    write(tmp_path / "notes.md", "not a document")

    code, out, _ = run(tmp_path)

    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [seed_path.name, "a.txt", "b.txt"]
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_a_missing_path_and_an_empty_directory_are_errors(tmp_path, seed_path):
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()

    code, out, err = run(missing, empty_dir, seed_path)

    assert code == 1
    assert out == SEED_LINE.format("created") + "\n"
    assert err.splitlines() == [
        f"{missing}: error: no such file or directory",
        f"{empty_dir}: error: the directory has no .txt files",
    ]
