"""OpenRosa 1.0 server: ODK Collect, Enketo and ODK Web Forms send forms through the REST path's services."""
