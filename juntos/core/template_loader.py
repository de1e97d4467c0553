"""Django's cached template loader, with each template's fixed words written in once per language.

A page's `{% translate "…" %}`, plain `{% blocktranslate %}`, `{% url 'name' 'fixed' %}` and
`{% static 'file' %}` give the same text every time they are rendered in one language: a
translation looked up through lazy strings, a URL reversed, a static file's hashed name. On
the small pages a worker opens (the checker's start page, the verify page) they cost more than
the rest of the page. So this loader keeps one compiled copy of a template per language (and
script prefix and URL configuration) and, when it compiles that copy, renders each such tag
once and puts its text in the tag's place.

What is folded renders the same bytes as the tag it replaces: it is the tag's own output, taken
both with and without autoescaping. A folded tag checks, each time, that it is rendered in the
language (and, for URLs and static files, the script prefix and URL configuration) it was
folded for; otherwise, as inside `{% language %}` or for a template fetched in one language and
rendered in another, it renders the original tag. A tag's `as name` still sets the name, to the
same value. Tags that read anything from the context (a variable, a filter, a count) and
everything inside `{% language %}` are left as they are, and so are URLs in an application
namespace mounted more than once (the current app then decides). A `{% url %}` whose arguments
are variables keeps the addresses it has reversed, per language, script prefix, URL
configuration and arguments, when the arguments are ids or plain texts (`RememberedURLNode`).
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, Node, NodeList, Template, engines
from django.template.base import FilterExpression, TokenType
from django.template.defaulttags import IfNode, URLNode
from django.template.loaders import cached
from django.templatetags.i18n import BlockTranslateNode, LanguageNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

# Settings that change what a folded tag would say; a change empties every folding cache.
_FOLDED_FROM = frozenset(
    {
        "FORCE_SCRIPT_NAME",
        "INSTALLED_APPS",
        "LANGUAGE_CODE",
        "LANGUAGES",
        "LOCALE_PATHS",
        "ROOT_URLCONF",
        "STATIC_URL",
        "STORAGES",
        "USE_I18N",
    }
)


class FoldedNode(Node):
    """A tag's text in one language, with the tag kept for any other language."""

    child_nodelists = ()

    def __init__(self, original: Node, language: str | None, where: tuple[str, str] | None,
                 escaped: tuple[str, Any], raw: tuple[str, Any]) -> None:  # fmt: skip
        self.original = original
        self.language = language
        # The script prefix and URL configuration a URL or static file was folded under.
        self.where = where
        # What the tag writes and, for `as name`, the value it gives the name, with and
        # without autoescaping.
        self.escaped = escaped
        self.raw = raw
        self.name = _named(original)
        self.token = original.token
        self.origin = original.origin

    def __repr__(self) -> str:
        return f"<FoldedNode {self.language}: {self.original!r}>"

    def render(self, context: Context) -> str:
        if get_language() != self.language or (self.where is not None and self.where != _where()):
            return self.original.render(context)
        text, value = self.escaped if context.autoescape else self.raw
        if self.name:
            context[self.name] = value
        return text


def _named(node: Node) -> str | None:
    """The name a tag's `as name` sets, if it has one."""
    name = getattr(node, "varname" if isinstance(node, StaticNode) else "asvar", None)
    return str(name) if name else None


class RememberedURLNode(Node):
    """A `{% url %}` whose arguments are variables, reversed once for each language, script
    prefix, URL configuration and set of arguments that are ids or plain texts; any other
    value (an object, a marked-safe text) is reversed by the original tag."""

    child_nodelists = ()
    _MOST = 128  # addresses remembered per tag and language, then forgotten all at once

    def __init__(self, original: URLNode) -> None:
        self.original = original
        self.token = original.token
        self.origin = original.origin
        self.urls: dict[tuple[Any, ...], str] = {}

    def __repr__(self) -> str:
        return f"<RememberedURLNode: {self.original!r}>"

    def render(self, context: Context) -> str:
        node = self.original
        args = [arg.resolve(context) for arg in node.args]
        kwargs = {name: value.resolve(context) for name, value in node.kwargs.items()}
        if not all(type(value) in (int, str) for value in (*args, *kwargs.values())):
            return node.render(context)
        key = (get_language(), *_where(), *args, None, *kwargs.items())
        url = self.urls.get(key)
        if url is None:
            try:
                url = reverse(str(node.view_name.var), args=args, kwargs=kwargs)
            except NoReverseMatch:
                if node.asvar is None:
                    raise
                url = ""
            if len(self.urls) >= self._MOST:
                self.urls.clear()
            self.urls[key] = url
        if node.asvar:
            context[node.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _where() -> tuple[str, str]:
    return get_script_prefix(), str(get_urlconf())


def _fixed(expression: FilterExpression | None) -> bool:
    """A literal with no filter: the same value in every context."""
    return expression is None or not (getattr(expression, "is_var", True) or expression.filters)


def _shared_namespaces() -> frozenset[str]:
    """Application namespaces mounted more than once, at any depth of the URL configuration."""
    shared: set[str] = set()
    pending = [get_resolver(get_urlconf())]
    while pending:
        resolver = pending.pop()
        shared.update(name for name, instances in resolver.app_dict.items() if len(instances) > 1)
        pending.extend(child for _, child in resolver.namespace_dict.values())
    return frozenset(shared)


def _one_app(node: URLNode, shared: frozenset[str]) -> bool:
    """A fixed view name in namespaces mounted once, so the current app cannot change it."""
    namespaces = str(node.view_name.var).split(":")[:-1]
    return _fixed(node.view_name) and not shared & set(namespaces)


def _foldable(node: Node, shared: frozenset[str]) -> bool:
    if isinstance(node, TranslateNode):
        literal = node.filter_expression.var.lookups is None
        return literal and not node.filter_expression.filters and _fixed(node.message_context)
    if isinstance(node, BlockTranslateNode):
        return (
            not node.extra_context
            and not node.plural
            and node.countervar is None
            and _fixed(node.message_context)
            and all(token.token_type == TokenType.TEXT for token in node.singular)
        )
    if isinstance(node, URLNode):
        arguments = [*node.args, *node.kwargs.values()]
        return _one_app(node, shared) and all(_fixed(argument) for argument in arguments)
    if isinstance(node, StaticNode):
        return _fixed(node.path)
    return False


def _rendered(node: Node, template: Template, autoescape: bool) -> tuple[str, Any]:
    context = Context(autoescape=autoescape)
    with context.bind_template(template):
        text = node.render(context)
    name = _named(node)
    return text, context.get(name) if name else None


def _fold(node: Node, template: Template) -> Node:
    language = get_language()
    try:
        escaped = _rendered(node, template, autoescape=True)
        raw = _rendered(node, template, autoescape=False)
    except Exception:  # a tag that fails alone is left to fail as it would
        return node
    placed = isinstance(node, URLNode | StaticNode)
    return FoldedNode(node, language, _where() if placed else None, escaped, raw)


def _child_lists(node: Node) -> list[NodeList]:
    if isinstance(node, LanguageNode):
        return []  # rendered in another language than the template's
    if isinstance(node, IfNode):
        return [nodelist for _, nodelist in node.conditions_nodelists]
    found = (getattr(node, name, None) for name in node.child_nodelists)
    return [nodelist for nodelist in found if isinstance(nodelist, NodeList)]


def fold_template(template: Template) -> None:
    """Fold the template's fixed tags in place, in the active language."""
    shared = _shared_namespaces()
    pending = [template.nodelist]
    while pending:
        nodelist = pending.pop()
        for index, node in enumerate(nodelist):
            if _foldable(node, shared):
                nodelist[index] = _fold(node, template)
            elif isinstance(node, URLNode) and _one_app(node, shared):
                nodelist[index] = RememberedURLNode(node)
            else:
                pending.extend(_child_lists(node))


class Loader(cached.Loader):
    """The cached loader, keeping a folded copy of each template per language."""

    def cache_key(self, template_name: str, skip: list[Any] | None = None) -> str:
        prefix, urlconf = _where()
        return f"{get_language()}|{prefix}|{urlconf}|{super().cache_key(template_name, skip)}"

    def get_template(self, template_name: str, skip: list[Any] | None = None) -> Template:
        found = self.get_template_cache.get(self.cache_key(template_name, skip))
        if isinstance(found, Template):
            return found
        template = super().get_template(template_name, skip)
        fold_template(template)
        return template


@receiver(setting_changed)
def _forget_folded(setting: str, **kwargs: object) -> None:
    if setting not in _FOLDED_FROM:
        return
    for engine in engines.all():
        for loader in getattr(getattr(engine, "engine", None), "template_loaders", ()):
            if isinstance(loader, Loader):
                loader.reset()
