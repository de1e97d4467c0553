"""Secret ballots encrypted to each vote's key, held in shares by trustees.

Secret ballots stored before this migration hold their choice in plaintext, which is the very
leak this migration ends: they are removed (their votes keep the published tally, which can no
longer be recounted). Votes closed before now count as counted. On SQLite, Django rebuilds the
ballot table for these changes, which drops WITHOUT ROWID (0004) and the update guard (0002):
both are put back at the end.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _forget_plaintext_secret_ballots(apps, schema_editor):
    apps.get_model("network", "Ballot").objects.filter(secret=True).delete()
    apps.get_model("network", "Vote").objects.filter(status="closed").update(counted=True)


def _restore_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    without_rowid = importlib.import_module("juntos.network.migrations.0004_ballot_without_rowid")
    without_rowid._rebuild_without_rowid(apps, schema_editor)
    schema_editor.execute(
        "CREATE TRIGGER IF NOT EXISTS network_ballot_no_update BEFORE UPDATE ON network_ballot "
        "BEGIN SELECT RAISE(ABORT, 'ballots cannot be changed'); END",
        params=None,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0004_ballot_without_rowid'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TrusteeKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_key', models.CharField(max_length=64)),
                ('salt', models.CharField(max_length=32)),
                ('wrapped_private_key', models.TextField()),
                ('argon2_time_cost', models.PositiveSmallIntegerField()),
                ('argon2_memory_kib', models.PositiveIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='VoteTrustee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('share_index', models.PositiveSmallIntegerField()),
                ('sealed_share', models.TextField()),
                ('verification_key', models.TextField()),
                ('partial_decryption', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['share_index'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='ballot',
            name='network_secret_ballot_has_no_voter',
        ),
        migrations.AddField(
            model_name='ballot',
            name='sealed_choice',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='ballot',
            name='tracking_code',
            field=models.CharField(blank=True, max_length=24, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='vote',
            name='closes_on',
            field=models.DateField(blank=True, null=True, verbose_name='voting ends on'),
        ),
        migrations.AddField(
            model_name='vote',
            name='counted',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='vote',
            name='public_key',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='vote',
            name='reminder_sent',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='vote',
            name='sealed_tally',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='vote',
            name='trustees_needed',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='ballot',
            name='choice',
            field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('abstain', 'Abstain')], max_length=10),
        ),
        migrations.AlterField(
            model_name='ballot',
            name='receipt_hash',
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(_forget_plaintext_secret_ballots, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='ballot',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('choice', ''), ('open_voter__isnull', True), ('receipt_hash__isnull', True), ('secret', True), ('tracking_code__isnull', False), models.Q(('sealed_choice', ''), _negated=True)), models.Q(('open_voter__isnull', False), ('receipt_hash__isnull', False), ('sealed_choice', ''), ('secret', False), ('tracking_code__isnull', True), models.Q(('choice', ''), _negated=True)), _connector='OR'), name='network_secret_ballot_has_no_voter'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.CheckConstraint(condition=models.Q(('counted', False), ('status', 'closed'), _connector='OR'), name='network_vote_counted_after_close'),
        ),
        migrations.AddField(
            model_name='trusteekey',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='network_trustee_key', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='votetrustee',
            name='trustee',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='network.trusteekey'),
        ),
        migrations.AddField(
            model_name='votetrustee',
            name='vote',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='trustees', to='network.vote'),
        ),
        migrations.AddConstraint(
            model_name='votetrustee',
            constraint=models.UniqueConstraint(fields=('vote', 'share_index'), name='network_share_once'),
        ),
        migrations.AddConstraint(
            model_name='votetrustee',
            constraint=models.UniqueConstraint(fields=('vote', 'trustee'), name='network_trustee_once'),
        ),
        migrations.RunPython(_restore_sqlite_guards, migrations.RunPython.noop),
    ]
