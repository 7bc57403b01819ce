"""The pre-election record: what the LTOs' weekly reports raised, by topic, region and week, their incidents and
meetings, in a reporting period; the pages behind the interim report's figures."""
