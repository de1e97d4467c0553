import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0001_initial")]
AFTER = [("registry", "0002_reply_moderation")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_replies_written_before_moderation_stay_published():
    old = migrate(BEFORE)
    employer = old.get_model("registry", "Employer").objects.create(
        legal_name="Old Farms Ltd.", slug="old-farms", search_key="old farms"
    )
    site = old.get_model("registry", "EmployerSite").objects.create(
        employer=employer, name="Old farm", province="BC", search_key="old farm"
    )
    review = old.get_model("registry", "Review").objects.create(
        site=site,
        employer=employer,
        reviewer_key="key",
        season=2025,
        fee_charged="no",
        contract_matched=3,
        paid_on_time=3,
        respect_safety=3,
        status="approved",
        submitted_on="2025-09-01",
        published_on="2025-09-02",
    )
    old.get_model("registry", "ReviewReply").objects.create(
        review=review, body="Written when replies were public at once.", replied_on="2025-09-03"
    )
    try:
        new = migrate(AFTER)
        reply = new.get_model("registry", "ReviewReply").objects.get()
        assert reply.status == "approved" and reply.rejected_rule == ""
        # Rows made after the migration start as pending.
        fresh = new.get_model("registry", "ReviewReply")(
            review_id=review.pk, body="new", replied_on="2025-09-04"
        )
        assert fresh.status == "pending"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("registry"))
