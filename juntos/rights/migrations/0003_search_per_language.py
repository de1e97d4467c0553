"""One FTS5 table per content language, and scope tokens that join province and program.

bm25 counts, for every phrase of a MATCH expression, how many rows contain it. With one table
for all languages, the language and scope filters were phrases too, and counting their long
lists cost more than ranking. Now the language is the table, and a scope token such as
"sbcsawpmx" (BC, SAWP Mexico) or "scaall" (federal, every program) has a short list.
PostgreSQL keeps its tsvector columns; only the scope tokens change there.
"""

import re
from importlib import import_module

from django.db import migrations

LANGUAGES = ("en", "es", "fr")


def _token(value):
    return re.sub(r"[^a-z0-9]", "", value.lower())


def _scope(jurisdictions, programs):
    return " ".join(
        "s" + _token(j) + _token(p) for j in jurisdictions for p in (programs or ["all"])
    )


def rescope(apps, schema_editor):
    """Rewrite every document's scope in the new form (the code does the same from now on)."""
    SearchDocument = apps.get_model("rights", "SearchDocument")
    ArticleJurisdiction = apps.get_model("rights", "ArticleJurisdiction")
    ArticleProgram = apps.get_model("rights", "ArticleProgram")
    places, programs = {}, {}
    for row in ArticleJurisdiction.objects.all():
        places.setdefault(row.article_id, []).append(row.code)
    for row in ArticleProgram.objects.all():
        programs.setdefault(row.article_id, []).append(row.code)
    for doc in SearchDocument.objects.all():
        scope = _scope(places.get(doc.article_id, []), programs.get(doc.article_id, []))
        SearchDocument.objects.filter(pk=doc.pk).update(scope_terms=scope)


def _sqlite_forward():
    statements = [
        "DROP TRIGGER IF EXISTS rights_searchdocument_au",
        "DROP TRIGGER IF EXISTS rights_searchdocument_ad",
        "DROP TRIGGER IF EXISTS rights_searchdocument_ai",
        "DROP TABLE IF EXISTS rights_search_fts",
    ]
    deletes = " ".join(f"DELETE FROM rights_search_fts_{lang} WHERE rowid = old.id;" for lang in LANGUAGES)
    for lang in LANGUAGES:
        table = f"rights_search_fts_{lang}"
        insert = (
            f"INSERT INTO {table}(rowid, title, keywords, body, scope) VALUES "
            "(new.id, new.title_terms, new.keyword_terms, new.body_terms, new.scope_terms);"
        )
        statements += [
            f"CREATE VIRTUAL TABLE {table} USING fts5("
            "title, keywords, body, scope, tokenize = 'unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON rights_searchdocument "
            f"WHEN new.language = '{lang}' BEGIN {insert} END",
            f"CREATE TRIGGER {table}_au AFTER UPDATE ON rights_searchdocument "
            f"WHEN new.language = '{lang}' BEGIN {deletes} {insert} END",
            f"INSERT INTO {table}(rowid, title, keywords, body, scope) SELECT id, title_terms, "
            f"keyword_terms, body_terms, scope_terms FROM rights_searchdocument "
            f"WHERE language = '{lang}'",
        ]
    statements.append(
        f"CREATE TRIGGER rights_searchdocument_ad AFTER DELETE ON rights_searchdocument "
        f"BEGIN {deletes} END"
    )
    return statements


def _sqlite_backward():
    statements = ["DROP TRIGGER IF EXISTS rights_searchdocument_ad"]
    for lang in LANGUAGES:
        table = f"rights_search_fts_{lang}"
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_ai",
            f"DROP TRIGGER IF EXISTS {table}_au",
            f"DROP TABLE IF EXISTS {table}",
        ]
    return statements


def forward(apps, schema_editor):
    rescope(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        for statement in _sqlite_forward():
            schema_editor.execute(statement)


def unscope(apps, schema_editor):
    """Back to 0002's scope tokens."""
    SearchDocument = apps.get_model("rights", "SearchDocument")
    ArticleJurisdiction = apps.get_model("rights", "ArticleJurisdiction")
    ArticleProgram = apps.get_model("rights", "ArticleProgram")
    for doc in SearchDocument.objects.all():
        places = ArticleJurisdiction.objects.filter(article_id=doc.article_id)
        programs = ArticleProgram.objects.filter(article_id=doc.article_id)
        tokens = ["j" + _token(p.code) for p in places]
        tokens += ["g" + _token(p.code) for p in programs] or ["gall"]
        SearchDocument.objects.filter(pk=doc.pk).update(scope_terms=" ".join(tokens))


def backward(apps, schema_editor):
    unscope(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        for statement in _sqlite_backward():
            schema_editor.execute(statement)
        for statement in import_module("juntos.rights.migrations.0002_search_index").SQLITE_FORWARD:
            schema_editor.execute(statement)
        # Fill 0002's table again, with its scope tokens ("jbc gsawpmx", "gall" for all).
        schema_editor.execute(
            "INSERT INTO rights_search_fts(rowid, title, keywords, body, scope, lang) SELECT id, "
            "title_terms, keyword_terms, body_terms, scope_terms, language "
            "FROM rights_searchdocument"
        )


class Migration(migrations.Migration):
    dependencies = [("rights", "0002_search_index")]

    operations = [migrations.RunPython(forward, backward)]
