"""A person's account: two-factor authentication for the core team, the idle timeout, signing out everywhere."""
