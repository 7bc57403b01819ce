"""Personal data retention: closing a mission, then erasing its observers' personal data (pages at /retention/)."""
