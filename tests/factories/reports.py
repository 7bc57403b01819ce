"""Factories of the reports app."""

import factory

from reports.models import Report
from tests.factories.mission import MissionFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    mission = factory.SubFactory(MissionFactory)
    kind = Report.Kind.PRELIMINARY
