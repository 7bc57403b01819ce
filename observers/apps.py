from django.apps import AppConfig


class ObserversConfig(AppConfig):
    name = "observers"
    verbose_name = "Observers, teams and checklists"

    def ready(self):
        from observers.audit.registry import audit_register

        audit_register()
