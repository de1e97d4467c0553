import itertools

from juntos.testing.access import EVERYONE, Access

# Each play of the subscription row uses a fresh (fictional 555-01xx) number, so the limit on
# codes sent to one address never turns an allowed request into a refusal.
_numbers = itertools.cycle(range(100, 200))

EDITORS = frozenset({"ben", "admin"})


def _published(slug):
    # Called once per persona: the article is made the first time and reused after.
    from juntos.rights.models import Article
    from juntos.rights.tests.factories import published_article

    return Article.objects.filter(slug=slug).first() or published_article(slug=slug)


def _article(personas):
    return {"slug": _published("access-article").slug}


def _version(personas):
    return {"version_id": _published("access-version").current_version_id}


def _subscription_token(salt_name):
    def make(personas):
        from juntos.rights import selectors
        from juntos.rights.tests.factories import make_subscription

        salt = getattr(selectors, salt_name)
        return {"token": selectors.subscription_token(make_subscription(confirmed=False), salt)}

    return make


ACCESS = [
    Access("rights:index", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "rights:browse",
        allow=EVERYONE,
        worker_page=True,
        kwargs=lambda p: {"province": "bc", "program": "sawp-mx"},
    ),
    Access("rights:search", allow=EVERYONE, worker_page=True, key_page=True, query="?q=vivienda"),
    Access("rights:article", allow=EVERYONE, worker_page=True, key_page=True, kwargs=_article),
    Access("rights:changes", allow=EVERYONE, worker_page=True, kwargs=_article),
    Access("rights:article_pdf", allow=EVERYONE, kwargs=_article),
    Access(
        "rights:topic_pdf",
        allow=EVERYONE,
        kwargs=lambda p: {"topic": "housing"},
        query="?province=BC&program=sawp-mx",
    ),
    Access("rights:obligations", allow=EVERYONE, query="?province=BC&program=sawp-mx"),
    Access("rights:employer_pack", allow=EVERYONE, query="?province=BC&program=sawp-mx"),
    Access("rights:subscribe", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "rights:subscribe_confirm",
        allow=EVERYONE,
        worker_page=True,
        kwargs=_subscription_token("CONFIRM_SALT"),
        note="the signed token is the proof; anyone holding it may type the code",
    ),
    Access(
        "rights:confirm_link",
        allow=EVERYONE,
        worker_page=True,
        kwargs=_subscription_token("LINK_SALT"),
        note="the link only reaches the address it confirms",
    ),
    Access(
        "rights:unsubscribe",
        allow=EVERYONE,
        worker_page=True,
        kwargs=_subscription_token("UNSUBSCRIBE_SALT"),
        note="works without logging in: the signed link in each alert is the proof",
    ),
    Access("rights:editor", allow=EDITORS, note="coordinators of a network secretariat"),
    Access("rights:editor_article_new", allow=EDITORS),
    Access("rights:editor_article", allow=EDITORS, kwargs=_article),
    Access("rights:editor_version", allow=EDITORS, kwargs=_version),
    Access(
        "rights:editor_version_action",
        method="POST",
        allow=EDITORS,
        kwargs=_version,
        data=lambda p, kw: {"action": "submit"},
        note="a published version cannot be submitted, so editors are redirected back",
    ),
    Access("GET /api/rights/articles", allow=EVERYONE, query="?province=BC&program=sawp-mx"),
    Access("GET /api/rights/articles/{slug}", allow=EVERYONE, kwargs=_article),
    Access("GET /api/rights/search", allow=EVERYONE, query="?q=vivienda&language=es"),
    Access(
        "POST /api/rights/subscriptions",
        method="POST",
        allow=EVERYONE,
        data=lambda p, kw: {
            "channel": "sms",
            "address": f"+1250555{next(_numbers):04d}",
            "province": "BC",
            "programs": ["sawp-mx"],
            "language": "es",
        },
    ),
]
