import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The mission's election-day plan (draft / published), and one opening and one counting per team."""

    dependencies = [
        ("mission", "0001_initial"),
        ("observers", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DeploymentPlan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="draft", max_length=10
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, help_text="Last change to any team's stations", null=True),
                ),
                (
                    "mission",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deployment_plan",
                        to="mission.mission",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status", "published"), _negated=True)
                        | models.Q(("published_at__isnull", False)),
                        name="plan_published_has_time",
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("purpose", "opening")), fields=("team",), name="assignment_one_opening_per_team"
            ),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("purpose", "counting")), fields=("team",), name="assignment_one_counting_per_team"
            ),
        ),
    ]
