from django.apps import AppConfig


class ObserversConfig(AppConfig):
    name = "observers"
    verbose_name = "Observers, teams and checklists"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from observers.accounts.session_state import note_login
        from observers.audit.registry import audit_register
        from observers.logins.throttle import failure_record

        audit_register()
        user_login_failed.connect(failure_record, dispatch_uid="observers.logins.failure_record")
        user_logged_in.connect(note_login, dispatch_uid="accounts_note_login")
