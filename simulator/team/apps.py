from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "simulator.team"
    label = "team"
    verbose_name = "Holdline team server"
