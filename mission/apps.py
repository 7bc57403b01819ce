from django.apps import AppConfig


class MissionConfig(AppConfig):
    name = "mission"
    verbose_name = "Mission: country and election"
