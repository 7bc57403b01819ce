"""Running the site: backup and restore of the database and the media folder."""
