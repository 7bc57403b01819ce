"""The needs-assessment pages and API: election commissions and their members, organisations, people and
meetings. The data and its services are `mission`'s; the pages live here because the permission module reads
memberships (observers.models), and `mission` must not import `observers`."""
