from django.apps import AppConfig


class ObserversConfig(AppConfig):
    name = "observers"
    verbose_name = "Observers, teams and checklists"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from observers.accounts.session_state import note_login
        from observers.audit.registry import audit_register

        audit_register()
        user_logged_in.connect(note_login, dispatch_uid="accounts_note_login")
