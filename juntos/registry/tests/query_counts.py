"""Query-count checks shared by the tests of the registry's entry pages."""

from juntos.testing.queries import assert_queries_do_not_grow


def reviews_in_api(response):
    return len(response.json()["reviews"])


def assert_page_and_api_stay_flat(client, *, add_items, page, api, limits, page_rows):
    """An entry's page and its API answer run no more queries as published reviews are added.

    `limits`: the page's and the API's most queries; `page_rows` counts the reviews a page shows.
    """
    page_limit, api_limit = limits
    assert_queries_do_not_grow(
        add_items=add_items, fetch=lambda: client.get(page), limit=page_limit, rows=page_rows
    )
    assert_queries_do_not_grow(
        add_items=add_items, fetch=lambda: client.get(api), limit=api_limit, rows=reviews_in_api
    )
