"""The demo mission: Kazakhstan, Mazhilis elections of 19 September 2004 (`python manage.py load_demo`)."""
